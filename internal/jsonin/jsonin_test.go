package jsonin

import (
	"testing"

	"github.com/kopeck/kopeck/plugin/receipt"
)

func parse(t *testing.T, doc string) (Obj, *receipt.Problems) {
	t.Helper()
	var p receipt.Problems
	o, ok := Parse([]byte(doc), "order", &p)
	if !ok {
		t.Fatalf("%s: %v", doc, p)
	}
	return o, &p
}

func TestChildIsLiteral(t *testing.T) {
	o, _ := parse(t, `{"a.b":1,"a":{"b":2},"*":3,"dup":4,"dup":5}`)
	if v := o.Child("a.b").R.Raw; v != "1" {
		t.Errorf("a.b = %s", v)
	}
	if v := o.Child("*").R.Raw; v != "3" {
		t.Errorf("* = %s", v)
	}
	if v := o.Child("dup").R.Raw; v != "4" {
		t.Errorf("dup = %s, want the first", v)
	}
	if c := o.Child("a").Child("b"); c.R.Raw != "2" || c.Path != "order.a.b" {
		t.Errorf("%+v", c)
	}
	if o.Child("missing").Exists() {
		t.Error("missing exists")
	}
}

func TestNumbersNeverThroughFloat(t *testing.T) {
	o, p := parse(t, `{"a":0.1,"b":"12.30","c":12.345,"d":"1,5","e":true,"f":-1,"g":1e30,"q":"0.3333"}`)
	if m, ok := o.Money("a"); !ok || m != 10 {
		t.Errorf("a = %d", m)
	}
	if m, ok := o.Money("b"); !ok || m != 1230 {
		t.Errorf("b = %d", m)
	}
	for _, f := range []string{"c", "d", "e", "f", "g"} {
		if _, ok := o.Money(f); ok {
			t.Errorf("%s accepted", f)
		}
	}
	if _, ok := o.Qty("q"); ok {
		t.Error("q accepted")
	}
	want := map[string]string{"order.c": "too_many_decimals", "order.d": "not_a_number", "order.e": "not_a_number",
		"order.f": "negative", "order.g": "too_large", "order.q": "too_many_decimals"}
	for _, e := range *p {
		if want[e.Path] != e.Code {
			t.Errorf("unexpected %s at %s", e.Code, e.Path)
		}
		delete(want, e.Path)
	}
	if len(want) != 0 {
		t.Errorf("missing %v", want)
	}
}

func TestStrBoolEnumArrayKnown(t *testing.T) {
	o, p := parse(t, `{"s":"x","n":42,"o":{},"b":"1","bad":"maybe","vat":"vat18","list":[{"x":1},2],"notlist":{}}`)
	if o.Str("s", true) != "x" || o.Str("n", false) != "42" || o.Str("missing", false) != "" {
		t.Error("Str")
	}
	o.Str("o", false)
	o.Str("empty", true)
	if b, ok := o.Bool("b"); !b || !ok {
		t.Error("Bool")
	}
	o.Bool("bad")
	if v := Enum(o, "vat", receipt.VATs); v != "" {
		t.Errorf("Enum = %q", v)
	}
	if a := o.Array("list"); len(a) != 2 || a[1].Path != "order.list[1]" {
		t.Errorf("%+v", a)
	}
	o.Array("notlist")
	o.Known("s", "n", "o", "b", "bad", "vat", "list", "notlist")
	codes := map[string]string{}
	for _, e := range *p {
		codes[e.Path] = e.Code
	}
	want := map[string]string{"order.o": "wrong_type", "order.empty": "required", "order.bad": "wrong_type",
		"order.vat": "unknown_value", "order.notlist": "wrong_type"}
	for k, v := range want {
		if codes[k] != v {
			t.Errorf("%s: %q, want %q", k, codes[k], v)
		}
	}
	if len(codes) != len(want) {
		t.Errorf("%v", codes)
	}
	var q receipt.Problems
	if _, ok := Parse([]byte(`{"a":`), "x", &q); ok || q[0].Code != receipt.CodeInvalidJSON {
		t.Errorf("%v", q)
	}
}
