package main

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
)

// members decodes an assembled input.
func members(t *testing.T, b []byte) map[string]json.RawMessage {
	t.Helper()
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("assembled input is not JSON: %v\n%s", err, b)
	}
	return m
}

func TestAssembleBareOrder(t *testing.T) {
	o := newInputOptions(map[string]json.RawMessage{"provider": json.RawMessage(`"nanokassa"`), "test": json.RawMessage(`true`)}, "", "", nil)
	a := o.assemble("build", []byte(" {\"items\":[]}\n"))
	m := members(t, a.input)
	if string(m["order"]) != `{"items":[]}` || string(m["source"]) != `"generic"` {
		t.Errorf("input %s", a.input)
	}
	if string(members(t, m["settings"])["provider"]) != `"nanokassa"` {
		t.Errorf("settings %s", m["settings"])
	}
	if _, ok := m["refund"]; ok {
		t.Errorf("refund without --refund: %s", a.input)
	}
}

func TestAssemblePrecedence(t *testing.T) {
	file := map[string]json.RawMessage{
		"provider":  json.RawMessage(`"nanokassa"`),
		"locale":    json.RawMessage(`"en"`),
		"nanokassa": json.RawMessage(`{"kassaid":"1"}`),
	}
	doc := `{"settings":{"provider":"kassavonline","locale":"ru"},"source":"woocommerce","order":{"id":1},"refund":{"r":1}}`
	// Without flags, the line's settings replace the file's members, and
	// the file's other members stay.
	a := newInputOptions(file, "", "", nil).assemble("build", []byte(doc))
	m := members(t, a.input)
	s := members(t, m["settings"])
	if string(s["provider"]) != `"kassavonline"` || string(s["locale"]) != `"ru"` || string(s["nanokassa"]) != `{"kassaid":"1"}` {
		t.Errorf("merged settings %s", m["settings"])
	}
	if string(m["source"]) != `"woocommerce"` || string(m["refund"]) != `{"r":1}` || string(m["order"]) != `{"id":1}` {
		t.Errorf("input %s", a.input)
	}
	// Flags override everything.
	a = newInputOptions(file, "itkassa", "generic", json.RawMessage(`{"flag":true}`)).assemble("build", []byte(doc))
	m = members(t, a.input)
	if string(members(t, m["settings"])["provider"]) != `"itkassa"` || string(m["source"]) != `"generic"` || string(m["refund"]) != `{"flag":true}` {
		t.Errorf("flags lost: %s", a.input)
	}
	if string(a.settings) != string(m["settings"]) {
		t.Errorf("assembled settings %s differ from the input's %s", a.settings, m["settings"])
	}
}

func TestAssembleOnlyKnownMembersMakeAnEnvelope(t *testing.T) {
	o := newInputOptions(nil, "", "", nil)
	// "order" beside an unknown member: a bare document that happens to
	// have an "order" field, handed whole to the engine.
	doc := `{"order":{"id":1},"items":[]}`
	m := members(t, o.assemble("build", []byte(doc)).input)
	if string(m["order"]) != doc {
		t.Errorf("order %s", m["order"])
	}
	// command and parse have their own envelopes.
	m = members(t, o.assemble("command", []byte(`{"settings":{"provider":"itkassa"},"command":{"type":"x_report"}}`)).input)
	if string(m["command"]) != `{"type":"x_report"}` || m["source"] != nil || m["order"] != nil {
		t.Errorf("command input %v", m)
	}
	m = members(t, o.assemble("parse", []byte(`{"status":200}`)).input)
	if string(m["response"]) != `{"status":200}` {
		t.Errorf("parse input %v", m)
	}
}

func TestAssembleSettingsNotAnObject(t *testing.T) {
	o := newInputOptions(nil, "", "", nil)
	a := o.assemble("build", []byte(`{"settings":[1],"order":{}}`))
	if string(members(t, a.input)["settings"]) != `[1]` {
		t.Errorf("non-object settings were not passed on for the engine to report: %s", a.input)
	}
}

func TestAssembleInvalidJSON(t *testing.T) {
	o := newInputOptions(map[string]json.RawMessage{"locale": json.RawMessage(`"ru"`)}, "", "", nil)
	a := o.assemble("parse", []byte(`{"status":`))
	if a.input != nil {
		t.Fatal("invalid JSON was assembled")
	}
	m := decode(t, string(a.answer))
	e := m["errors"].([]any)[0].(map[string]any)
	if e["code"] != "invalid_json" || e["path"] != "response" || !strings.Contains(e["message"].(string), "JSON") {
		t.Errorf("problem %v", e)
	}
	if w, ok := m["warnings"].([]any); !ok || len(w) != 0 {
		t.Errorf("warnings %v", m["warnings"])
	}
}

func TestDecodeObject(t *testing.T) {
	if _, err := decodeObject([]byte(`{"a":1}`)); err != nil {
		t.Error(err)
	}
	for _, bad := range []string{`[]`, `null`, `"x"`, `{"a":`} {
		if _, err := decodeObject([]byte(bad)); err == nil {
			t.Errorf("%s accepted", bad)
		}
	}
}

func TestReadJSONFile(t *testing.T) {
	p := writeFile(t, "r.json", " {\"a\":1}\n")
	b, err := readJSONFile(p, "refund")
	if err != nil || string(b) != `{"a":1}` {
		t.Errorf("%s, %v", b, err)
	}
	p = writeFile(t, "bad.json", "{")
	if _, err := readJSONFile(p, "refund"); err == nil || !strings.Contains(err.Error(), "refund file") {
		t.Errorf("bad refund: %v", err)
	}
	if _, err := readFile(p + ".missing"); err == nil || !strings.Contains(err.Error(), p) {
		t.Errorf("missing: %v", err)
	}
	os.Remove(p)
}
