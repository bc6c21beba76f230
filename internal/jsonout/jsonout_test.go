package jsonout

import (
	"encoding/json"
	"math"
	"testing"
)

type raw struct {
	Name  string          `json:"name"`
	Price json.Number     `json:"price"`
	Inner json.RawMessage `json:"inner"`
}

func TestMarshal(t *testing.T) {
	got, err := Marshal(raw{Name: "Чай <зелёный> & кофе\n", Price: "141.91", Inner: json.RawMessage("{ \"a\" : [1, 2] }")})
	want := `{"name":"Чай <зелёный> & кофе\n","price":141.91,"inner":{"a":[1,2]}}`
	if err != nil || string(got) != want {
		t.Fatalf("got %s %v\nwant %s", got, err, want)
	}
	// the same bytes as json.Marshal but for HTML escaping
	std, _ := json.Marshal(raw{Name: "a&b", Price: "1", Inner: json.RawMessage("null")})
	ours, _ := Marshal(raw{Name: "a&b", Price: "1", Inner: json.RawMessage("null")})
	if string(std) != `{"name":"a\u0026b","price":1,"inner":null}` || string(ours) != `{"name":"a&b","price":1,"inner":null}` {
		t.Errorf("json.Marshal %s, Marshal %s", std, ours)
	}
	if got, err := Marshal("\n"); err != nil || string(got) != `"\n"` {
		t.Errorf("a newline inside a string must stay: %s %v", got, err)
	}
}

func TestMarshalError(t *testing.T) {
	for _, v := range []any{math.Inf(1), make(chan int), raw{Price: "1,5"}} {
		if got, err := Marshal(v); err == nil || got != nil {
			t.Errorf("%T: %s %v", v, got, err)
		}
	}
}
