import type { Escaping } from '../../signature';
import type { CodeBlock } from './code-block';

/**
 * The Go text that writes strings and numbers as each escaping does (Python's ascii, Go's own,
 * JavaScript's utf8), for the verifiers that write the body back before checking its HMAC.
 */

const CONTROL_ESCAPE: CodeBlock = {
  imports: ['fmt'],
  code: `func controlEscape(r rune) string {
	switch r {
	case '\\b':
		return "\\\\b"
	case '\\f':
		return "\\\\f"
	case '\\n':
		return "\\\\n"
	case '\\r':
		return "\\\\r"
	case '\\t':
		return "\\\\t"
	}
	return fmt.Sprintf("\\\\u%04x", r)
}`,
};

/** The string writer of Python and JavaScript: escapes quote, backslash and control characters, and with `ascii` everything past printable ASCII. */
const QUOTE = (ascii: boolean): CodeBlock => ({
  imports: ['strings', ...(ascii ? ['fmt', 'unicode/utf16'] : [])],
  code: `// quote writes a string as ${ascii ? "Python's json.dumps does: every character outside printable ASCII as \\uXXXX" : "JavaScript's JSON.stringify does: raw UTF-8"}.
func quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\\\':
			b.WriteByte('\\\\')
			b.WriteRune(r)
		case r < 0x20:
			b.WriteString(controlEscape(r))${
        ascii
          ? `
		case r > 0xffff:
			high, low := utf16.EncodeRune(r)
			fmt.Fprintf(&b, "\\\\u%04x\\\\u%04x", high, low)
		case r >= 0x7f:
			fmt.Fprintf(&b, "\\\\u%04x", r)`
          : ''
      }
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}`,
});

const PYTHON_NUMBER: CodeBlock = {
  imports: ['fmt', 'math', 'strconv', 'strings'],
  code: `// numberText writes a number as Python's json.dumps does: integers as written, floats by repr (3.0 stays 3.0).
func numberText(literal string) string {
	if !strings.ContainsAny(literal, ".eE") {
		if literal == "-0" {
			return "0"
		}
		return literal
	}
	f, _ := strconv.ParseFloat(literal, 64)
	switch {
	case math.IsInf(f, 1):
		return "Infinity"
	case math.IsInf(f, -1):
		return "-Infinity"
	case f == 0 && math.Signbit(f):
		return "-0.0"
	case f == 0:
		return "0.0"
	}
	sign := ""
	if f < 0 {
		sign = "-"
	}
	parts := strings.Split(strconv.FormatFloat(math.Abs(f), 'e', -1, 64), "e")
	digits := strings.Replace(parts[0], ".", "", 1)
	exponent, _ := strconv.Atoi(parts[1])
	if exponent >= -4 && exponent < 16 {
		if exponent >= len(digits)-1 {
			return sign + digits + strings.Repeat("0", exponent-len(digits)+1) + ".0"
		}
		if exponent >= 0 {
			return sign + digits[:exponent+1] + "." + digits[exponent+1:]
		}
		return sign + "0." + strings.Repeat("0", -exponent-1) + digits
	}
	head := digits[:1]
	if len(digits) > 1 {
		head += "." + digits[1:]
	}
	if exponent < 0 {
		return fmt.Sprintf("%s%se-%02d", sign, head, -exponent)
	}
	return fmt.Sprintf("%s%se+%02d", sign, head, exponent)
}`,
};

/** Go and JavaScript both print a float64 in its shortest form; they differ only on negative zero. */
const FLOAT_NUMBER = (javascript: boolean): CodeBlock => ({
  imports: ['encoding/json', 'strconv'],
  code: `// numberText writes a number as ${javascript ? 'JavaScript' : 'Go'} does: decoded into a float64, shortest form, 3.0 as 3${javascript ? ', -0 as 0' : ''}.
func numberText(literal string) string {
	f, err := strconv.ParseFloat(literal, 64)
	if err != nil {
		return "null"
	}${
    javascript
      ? `
	if f == 0 {
		return "0"
	}`
      : ''
  }
	text, _ := json.Marshal(f)
	return string(text)
}`,
});

/**
 * How each escaping writes a string and a number, for the verifier that rewrites the body (see
 * go-verifier): each is one `quote` and one `numberText` function, with what they need.
 */
export const GO_ESCAPING: Record<Escaping, CodeBlock[]> = {
  ascii: [QUOTE(true), CONTROL_ESCAPE, PYTHON_NUMBER],
  go: [
    {
      imports: ['encoding/json'],
      code: `// quote writes a string as Go does: raw UTF-8 with <, >, &, U+2028 and U+2029 escaped.
func quote(s string) string {
	text, _ := json.Marshal(s)
	return string(text)
}`,
    },
    FLOAT_NUMBER(false),
  ],
  utf8: [QUOTE(false), CONTROL_ESCAPE, FLOAT_NUMBER(true)],
};
