import type { KeyOrder, StyleInfo } from '../../signature';
import { styleInWords, styleTraits } from '../style-words';
import { joinBlocks, type CodeBlock } from './code-block';
import { GO_ESCAPING } from './go-escaping';

/**
 * A Go verifier for one style, standard library only. The go style is Go's own
 * `json.Marshal` of a map; the raw style cuts the member out of the bytes; every other style
 * decodes the body token by token (a Go map forgets the order keys came in) and writes it back
 * with the style's order and escaping.
 */

const HEADER = (style: StyleInfo): string => `// Checks the signature of a Flowent action call the way this Flowent signs:
// ${styleInWords(style.name).replace(/`/g, '')}.
// Printed by "flowent-companion verifier go --style ${style.name}". Standard library only.
//
// Call VerifyFlowentCall with the request body's bytes (body, err := io.ReadAll(r.Body)). It
// returns nil when the call may be handled, or the error to answer with a 401:
// {"result": "", "error": err.Error()}.
// Flowent's registration check ("test": true) passes without a signature: answer it with 200
// and do not run the action. Put this file in your handler's package.
package main`;

const ERRORS: CodeBlock = {
  imports: ['errors'],
  code: `// The errors to answer with, worded as Flowent's documentation words them.
var (
	ErrInvalidJSON      = errors.New("Invalid JSON payload")
	ErrMissingSignature = errors.New("Missing signature")
	ErrInvalidSignature = errors.New("Invalid signature")
)`,
};

const CHECK_HMAC: CodeBlock = {
  imports: ['crypto/hmac', 'crypto/sha256', 'encoding/hex', 'errors', 'os'],
  code: `func checkHMAC(message []byte, received string) error {
	key := os.Getenv("FLOWENT_HMAC_KEY")
	if key == "" {
		return errors.New("FLOWENT_HMAC_KEY is not set: set FLOWENT_HMAC_KEY to your Flowent HMAC key")
	}
	mac := hmac.New(sha256.New, []byte(key))
	mac.Write(message)
	expected := hex.EncodeToString(mac.Sum(nil))
	// hmac.Equal takes as long wherever the two differ: no timing hints for forgers.
	if !hmac.Equal([]byte(expected), []byte(received)) {
		return ErrInvalidSignature
	}
	return nil
}`,
};

/** The entry point over a map, for the styles that need no key order: go (Marshal sorts) and raw (bytes). */
const MAP_ENTRY = (message: string, comment: string): CodeBlock => ({
  imports: ['encoding/json'],
  code: `func VerifyFlowentCall(body []byte) error {
	var payload map[string]interface{}
	if err := json.Unmarshal(body, &payload); err != nil || payload == nil {
		return ErrInvalidJSON
	}
	signature, signed := payload["signature"]
	if !signed {
		if payload["test"] == true {
			return nil
		}
		return ErrMissingSignature
	}
	received, isString := signature.(string)
	if !isString {
		return ErrInvalidSignature
	}
	delete(payload, "signature")
	// ${comment}
	${message}
	return checkHMAC(message, received)
}`,
});

const GO_STYLE: CodeBlock[] = [
  MAP_ENTRY(
    `message, err := json.Marshal(payload)
	if err != nil {
		return ErrInvalidJSON
	}`,
    "What Flowent signed: json.Marshal writes map keys sorted, with Go's escaping and numbers as float64.",
  ),
];

const RAW_STYLE: CodeBlock[] = [
  MAP_ENTRY('message := withoutSignature(body)', 'What Flowent signed: the body as received, without the "signature" member.'),
  {
    imports: ['bytes', 'encoding/json'],
    code: `// withoutSignature cuts the "signature" member, and one comma next to it, out of the body.
func withoutSignature(body []byte) []byte {
	type span struct {
		key        string
		start, end int
	}
	var spans []span
	decoder := json.NewDecoder(bytes.NewReader(body))
	decoder.Token() // the opening brace
	for decoder.More() {
		start := int(decoder.InputOffset())
		for body[start] == ',' || body[start] == ' ' || body[start] == '\\t' || body[start] == '\\n' || body[start] == '\\r' {
			start++
		}
		key, _ := decoder.Token()
		var value json.RawMessage
		decoder.Decode(&value)
		name, _ := key.(string)
		spans = append(spans, span{name, start, int(decoder.InputOffset())})
	}
	for i := len(spans) - 1; i >= 0; i-- {
		if spans[i].key != "signature" {
			continue
		}
		from, to := spans[i].start, spans[i].end
		if i+1 < len(spans) {
			to = spans[i+1].start
		} else if i > 0 {
			from = spans[i-1].end
		}
		return append(append([]byte{}, body[:from]...), body[to:]...)
	}
	return body
}`,
  },
];

const ORDERED_ENTRY: CodeBlock = {
  imports: ['bytes', 'encoding/json', 'io'],
  code: `func VerifyFlowentCall(body []byte) error {
	decoder := json.NewDecoder(bytes.NewReader(body))
	decoder.UseNumber() // keeps each number as written
	value, err := decodeValue(decoder)
	root, isObject := value.(object)
	if err != nil || !isObject {
		return ErrInvalidJSON
	}
	if _, err := decoder.Token(); err != io.EOF {
		return ErrInvalidJSON // something follows the object
	}
	var signature interface{}
	signed, test := false, false
	var rest object
	for _, m := range root {
		if m.key == "signature" {
			signature, signed = m.value, true
			continue
		}
		if m.key == "test" {
			test = m.value == true
		}
		rest = append(rest, m)
	}
	if !signed {
		if test {
			return nil
		}
		return ErrMissingSignature
	}
	received, isString := signature.(string)
	if !isString {
		return ErrInvalidSignature
	}
	return checkHMAC([]byte(serialize(rest, 0)), received)
}

type member struct {
	key   string
	value interface{}
}

// object keeps an object's members in the order they came, which a Go map does not.
type object []member

func decodeValue(decoder *json.Decoder) (interface{}, error) {
	token, err := decoder.Token()
	if err != nil {
		return nil, err
	}
	switch token {
	case json.Delim('{'):
		members := object{}
		for decoder.More() {
			key, err := decoder.Token()
			if err != nil {
				return nil, err
			}
			value, err := decodeValue(decoder)
			if err != nil {
				return nil, err
			}
			members = append(members, member{key.(string), value})
		}
		_, err = decoder.Token() // the closing brace
		return members, err
	case json.Delim('['):
		items := []interface{}{}
		for decoder.More() {
			item, err := decodeValue(decoder)
			if err != nil {
				return nil, err
			}
			items = append(items, item)
		}
		_, err = decoder.Token() // the closing bracket
		return items, err
	}
	return token, nil // a string, json.Number, bool or nil
}`,
};

const SERIALIZE = (style: StyleInfo): CodeBlock => ({
  imports: ['encoding/json', 'strconv', 'strings'],
  code: `// serialize writes what Flowent signed: the body without "signature", ${styleTraits(style.name)}.
func serialize(value interface{}, depth int) string {
	switch v := value.(type) {
	case object:
		parts := make([]string, len(v))
		for i, m := range ordered(v, depth) {
			parts[i] = quote(m.key) + ":" + serialize(m.value, depth+1)
		}
		return "{" + strings.Join(parts, ",") + "}"
	case []interface{}:
		parts := make([]string, len(v))
		for i, item := range v {
			parts[i] = serialize(item, depth+1)
		}
		return "[" + strings.Join(parts, ",") + "]"
	case string:
		return quote(v)
	case json.Number:
		return numberText(string(v))
	case bool:
		return strconv.FormatBool(v)
	}
	return "null"
}`,
});

const SORT_COPY = `sorted := append(object{}, members...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].key < sorted[j].key })`;

const ORDERED: Record<KeyOrder, CodeBlock> = {
  'as-sent': { imports: [], code: `func ordered(members object, depth int) object { return members } // keys as sent` },
  sorted: {
    imports: ['sort'],
    code: `// ordered sorts keys by their bytes, which is code point order, as Python and Go sort them.
func ordered(members object, depth int) object {
	${SORT_COPY}
	return sorted
}`,
  },
  'nested-sorted': {
    imports: ['sort'],
    code: `// ordered keeps top-level keys as sent and sorts nested ones (byte order is code point order).
func ordered(members object, depth int) object {
	if depth == 0 {
		return members
	}
	${SORT_COPY}
	return sorted
}`,
  },
  struct: {
    imports: ['sort'],
    code: `var structOrder = map[string]int{"action_name": 0, "parameters": 1, "timestamp": 2, "test": 3}

func rank(key string) int {
	if r, known := structOrder[key]; known {
		return r
	}
	return len(structOrder)
}

// ordered puts top-level keys in Go struct order, then any other key sorted; nested keys sorted.
func ordered(members object, depth int) object {
	sorted := append(object{}, members...)
	sort.SliceStable(sorted, func(i, j int) bool {
		a, b := sorted[i].key, sorted[j].key
		if depth == 0 && rank(a) != rank(b) {
			return rank(a) < rank(b)
		}
		return (depth > 0 || rank(a) == len(structOrder)) && a < b
	})
	return sorted
}`,
  },
};

export function goVerifier(style: StyleInfo): string {
  let blocks: CodeBlock[];
  if (style.order === null || style.escaping === null) blocks = RAW_STYLE;
  else if (style.order === 'sorted' && style.escaping === 'go') blocks = GO_STYLE;
  else blocks = [ORDERED_ENTRY, SERIALIZE(style), ORDERED[style.order], ...GO_ESCAPING[style.escaping]];
  return joinBlocks({
    header: HEADER(style),
    imports: (names) =>
      `import (\n${[...names]
        .sort()
        .map((name) => `\t"${name}"`)
        .join('\n')}\n)`,
    blocks: [ERRORS, ...blocks, CHECK_HMAC],
    separator: '\n\n',
  });
}
