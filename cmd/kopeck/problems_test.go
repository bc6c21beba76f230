package main

import (
	"strings"
	"testing"
)

func TestErrorAnswerShapeAndLocale(t *testing.T) {
	m := decode(t, string(errorAnswer("en", codeBodyTooLarge, "order", "limit", "1048576")))
	e := m["errors"].([]any)[0].(map[string]any)
	if e["code"] != codeBodyTooLarge || e["path"] != "order" || e["message"] != "the input is larger than 1048576 bytes" {
		t.Errorf("problem %v", e)
	}
	if w := m["warnings"].([]any); len(w) != 0 {
		t.Errorf("warnings %v", w)
	}
	ru := decode(t, string(errorAnswer("ru", codeUnauthorized, "")))
	if msg := ru["errors"].([]any)[0].(map[string]any)["message"].(string); !strings.Contains(msg, "токен") {
		t.Errorf("Russian message %q", msg)
	}
	// No HTML escaping: the message stays as written.
	if a := string(errorAnswer("en", codeNotFound, "", "path", "/a<b>&c")); !strings.Contains(a, "/a<b>&c") {
		t.Errorf("escaped: %s", a)
	}
}

func TestHasErrorsAndLocale(t *testing.T) {
	cases := map[string]bool{
		`{"errors":[{"code":"x"}],"warnings":[]}`:  true,
		`{"errors":[],"warnings":[]}`:              false,
		`{"receipt":{},"warnings":[{"code":"w"}]}`: false,
		`{"state":"failed","error":{"code":"e"}}`:  false,
	}
	for in, want := range cases {
		if hasErrors([]byte(in)) != want {
			t.Errorf("hasErrors(%s) != %v", in, want)
		}
	}
	if localeOf([]byte(`{"locale":"ru"}`)) != "ru" || localeOf([]byte(`{}`)) != "en" || localeOf([]byte(`{"locale":"de"}`)) != "en" {
		t.Error("localeOf")
	}
}
