// Package jsonout writes the JSON kopeck sends out: the engine's answers,
// the providers' payloads and envelopes, and the simulators' replies.
//
// Decisions: HTML is not escaped ("&", "<" and ">" in item names, URLs and
// titles stay as they are; both forms are valid JSON, and a fiscal document
// should carry the text the shop wrote), and the output has no trailing
// newline (json.Encoder adds one), so that it can be embedded, compared and
// signed as it is.
package jsonout

import (
	"bytes"
	"encoding/json"
)

// Marshal encodes v as compact JSON like json.Marshal, but without HTML
// escaping and without a trailing newline. On error it returns nil and the
// encoder's error.
func Marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(b.Bytes(), "\n"), nil
}
