/**
 * The example behind "Insert example": the shapes main/core/answers/validate-mock.ts accepts
 * (rules chosen by conditions on the call, a body whose strings are Handlebars templates, a
 * fallback), written as the JSON a developer would start from.
 */
export const EXAMPLE_MOCK = `{
  "selection": "rules",
  "answerRegistrationCheck": false,
  "responses": [
    {
      "name": "a blocked recipient",
      "when": [{ "path": "parameters.recipient", "equals": "blocked@example.com" }],
      "status": 200,
      "body": { "result": "", "error": "Recipient {{parameters.recipient}} is blocked" }
    },
    {
      "name": "any recipient",
      "when": [{ "path": "parameters.recipient", "exists": true }],
      "status": 200,
      "delayMs": 250,
      "body": { "result": "Sent to {{parameters.recipient}}", "error": "" }
    }
  ],
  "fallback": { "status": 200, "body": { "result": "ok", "error": "" } }
}
`;

/** What an empty editor starts from: the answer the companion gives with no mock at all. */
export const DEFAULT_MOCK_TEXT = `{
  "status": 200,
  "body": { "result": "ok", "error": "" }
}
`;
