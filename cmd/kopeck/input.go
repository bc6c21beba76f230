package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strconv"

	"github.com/kopeck/kopeck/plugin/receipt"
)

// envelope describes the input object of one export: the member that holds
// the document (order, command, response) and every member allowed beside it.
type envelope struct {
	primary string
	members []string
}

// envelopes lists the input objects of the exports that take a document.
var envelopes = map[string]envelope{
	"build":    {primary: "order", members: []string{"settings", "source", "order", "refund"}},
	"validate": {primary: "order", members: []string{"settings", "source", "order", "refund"}},
	"command":  {primary: "command", members: []string{"settings", "command"}},
	"parse":    {primary: "response", members: []string{"settings", "response"}},
}

// inputOptions are the parts of an export's input that come from flags and
// files rather than from the document itself.
//
// Precedence, from weakest to strongest: the settings file, the settings of
// a full input object (its top-level keys replace the file's), then the
// flags (--provider, --source, --refund), which override everything.
type inputOptions struct {
	settings map[string]json.RawMessage // from --settings; never nil
	provider string                     // --provider
	source   string                     // --source ("" = not given)
	refund   json.RawMessage            // --refund file contents
	baseRaw  []byte                     // settings with --provider applied
}

// newInputOptions merges --provider into the settings of the file.
func newInputOptions(settings map[string]json.RawMessage, provider, source string, refund json.RawMessage) *inputOptions {
	if settings == nil {
		settings = map[string]json.RawMessage{}
	}
	o := &inputOptions{settings: settings, provider: provider, source: source, refund: refund}
	o.baseRaw = o.merge(nil)
	return o
}

// merge returns the settings JSON: the file's settings, overlaid by over
// (an input object's own settings), then by --provider.
func (o *inputOptions) merge(over map[string]json.RawMessage) []byte {
	m := make(map[string]json.RawMessage, len(o.settings)+len(over)+1)
	for k, v := range o.settings {
		m[k] = v
	}
	for k, v := range over {
		m[k] = v
	}
	if o.provider != "" {
		m["provider"] = json.RawMessage(strconv.Quote(o.provider))
	}
	b, err := json.Marshal(m)
	if err != nil { // cannot happen: every value was validated JSON
		return []byte("{}")
	}
	return b
}

// assembled is one export input ready for the engine.
type assembled struct {
	input    []byte // the export's input JSON; nil when answer is set
	settings []byte // the settings it carries (for the redactor and the locale)
	answer   []byte // a ready answer with errors, when doc is not JSON
}

// assemble turns a document into export's input. doc is either the bare
// document (an order, a command, a response) or a full input object: an
// object that has the primary member and no member the export does not
// know. A document that is not JSON is answered here with invalid_json at
// the primary path, as the engine would.
func (o *inputOptions) assemble(export string, doc []byte) assembled {
	env := envelopes[export]
	doc = bytes.TrimSpace(doc)
	if !json.Valid(doc) {
		return assembled{settings: o.baseRaw, answer: errorAnswer(localeOf(o.baseRaw), receipt.CodeInvalidJSON, env.primary, "reason", "malformed document")}
	}
	parts := map[string]json.RawMessage{env.primary: doc}
	if full, ok := asEnvelope(doc, env); ok {
		parts = full
	}
	settings := o.baseRaw
	if s, ok := parts["settings"]; ok {
		var over map[string]json.RawMessage
		if err := json.Unmarshal(s, &over); err == nil && over != nil {
			settings = o.merge(over)
		} else {
			settings = s // not an object: the engine reports it at "settings"
		}
	}
	var b bytes.Buffer
	b.Grow(len(settings) + len(doc) + 64)
	b.WriteString(`{"settings":`)
	b.Write(settings)
	if env.primary == "order" {
		b.WriteString(`,"source":`)
		if s, ok := parts["source"]; ok && o.source == "" {
			b.Write(s) // the input's own value, whatever its type: the engine checks it
		} else if o.source != "" {
			b.WriteString(strconv.Quote(o.source))
		} else {
			b.WriteString(`"generic"`)
		}
		if o.refund != nil {
			parts["refund"] = o.refund
		}
	}
	for _, k := range env.members {
		if k == "settings" || k == "source" {
			continue
		}
		if v, ok := parts[k]; ok {
			b.WriteString(`,"` + k + `":`)
			b.Write(v)
		}
	}
	b.WriteByte('}')
	return assembled{input: b.Bytes(), settings: settings}
}

// asEnvelope reports whether doc is a full input object for env, and
// returns its members.
func asEnvelope(doc []byte, env envelope) (map[string]json.RawMessage, bool) {
	if len(doc) == 0 || doc[0] != '{' {
		return nil, false
	}
	var m map[string]json.RawMessage
	if json.Unmarshal(doc, &m) != nil {
		return nil, false
	}
	if _, ok := m[env.primary]; !ok {
		return nil, false
	}
	for k := range m {
		if !contains(env.members, k) {
			return nil, false
		}
	}
	return m, true
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// readSettingsFile reads a settings file: a JSON object. Its contents hold
// credentials, so errors name the file and the byte offset, never the text.
func readSettingsFile(path string) (map[string]json.RawMessage, error) {
	data, err := readFile(path)
	if err != nil {
		return nil, err
	}
	m, err := decodeObject(data)
	if err != nil {
		return nil, fmt.Errorf("settings file %s: %w", path, err)
	}
	return m, nil
}

// decodeObject decodes a JSON object into its members.
func decodeObject(data []byte) (map[string]json.RawMessage, error) {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(data, &m); err != nil {
		var syn *json.SyntaxError
		if errors.As(err, &syn) {
			return nil, fmt.Errorf("not valid JSON (at byte %d)", syn.Offset)
		}
		return nil, errors.New("not a JSON object")
	}
	if m == nil {
		return nil, errors.New("not a JSON object")
	}
	return m, nil
}

// readJSONFile reads a file that must hold JSON (a refund document).
func readJSONFile(path, what string) (json.RawMessage, error) {
	data, err := readFile(path)
	if err != nil {
		return nil, err
	}
	data = bytes.TrimSpace(data)
	if !json.Valid(data) {
		return nil, fmt.Errorf("%s file %s: not valid JSON", what, path)
	}
	return data, nil
}

// readFile reads a file; its error names the path and the reason only.
func readFile(path string) ([]byte, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			return nil, fmt.Errorf("%s: %v", path, pe.Err)
		}
		return nil, err
	}
	return data, nil
}
