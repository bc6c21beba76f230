package goldencase

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// recorder is a testing.TB that records failures; Fatal stops the checked
// function by a panic that run recovers.
type recorder struct {
	testing.TB
	errs  []string
	fatal bool
}

type stop struct{}

func (r *recorder) Helper()                   {}
func (r *recorder) Errorf(f string, a ...any) { r.errs = append(r.errs, fmt.Sprintf(f, a...)) }
func (r *recorder) Fatalf(f string, a ...any) { r.Errorf(f, a...); r.fatal = true; panic(stop{}) }
func (r *recorder) Fatal(a ...any)            { r.Fatalf("%s", fmt.Sprint(a...)) }
func (r *recorder) failed() string            { return strings.Join(r.errs, "; ") }
func run(t *testing.T, f func(tb testing.TB)) *recorder {
	t.Helper()
	r := &recorder{TB: t}
	func() {
		defer func() {
			if p := recover(); p != nil && p != (stop{}) {
				panic(p)
			}
		}()
		f(r)
	}()
	return r
}

func TestSortedAndSame(t *testing.T) {
	in := []CodePath{{"b", "order.items[1]"}, {"a", "order.items[1]"}, {"z", "order.items[0]"}}
	got := Sorted(in)
	if fmt.Sprint(got) != "[{z order.items[0]} {a order.items[1]} {b order.items[1]}]" || in[0].Code != "b" {
		t.Errorf("Sorted %v (input %v)", got, in)
	}
	if Sorted(nil) == nil || !Same(nil, []CodePath{}) {
		t.Error("nil and empty differ")
	}
	if !Same(in, got) || Same(in, got[:2]) || Same(in, []CodePath{in[0], in[0], in[1]}) {
		t.Error("Same compares wrongly")
	}
}

func TestCompact(t *testing.T) {
	if got := Compact(t, []byte("{\n  \"a\": [1, \"x & y\"]\n}\n")); got != `{"a":[1,"x & y"]}` {
		t.Errorf("Compact %s", got)
	}
	if r := run(t, func(tb testing.TB) { Compact(tb, []byte(`{"a":`)) }); !r.fatal {
		t.Error("broken JSON passed")
	}
}

func TestExpect(t *testing.T) {
	errCase := Case{WantErrors: []CodePath{{"x", "order.a"}, {"y", "order.b"}}}
	refused := Answer{Errors: []CodePath{{"y", "order.b"}, {"x", "order.a"}}}
	if r := run(t, func(tb testing.TB) {
		if errCase.Expect(tb, refused) {
			tb.Errorf("an error case has no payload to check")
		}
	}); r.errs != nil {
		t.Errorf("expected errors refused: %s", r.failed())
	}
	for _, a := range []Answer{{Errors: refused.Errors[:1]}, {Errors: refused.Errors, Payload: []byte(`{}`)}} {
		if r := run(t, func(tb testing.TB) { errCase.Expect(tb, a) }); !r.fatal {
			t.Errorf("%+v passed", a)
		}
	}
	payloadCase := Case{WantWarnings: []CodePath{{"w", "order.c"}}}
	if r := run(t, func(tb testing.TB) {
		if !payloadCase.Expect(tb, Answer{Payload: []byte(`{}`), Warnings: []CodePath{{"w", "order.c"}}}) {
			tb.Errorf("a payload case has a payload to check")
		}
	}); r.errs != nil {
		t.Errorf("expected warnings refused: %s", r.failed())
	}
	if r := run(t, func(tb testing.TB) { payloadCase.Expect(tb, Answer{Payload: []byte(`{}`)}) }); r.errs == nil || r.fatal {
		t.Errorf("missing warning: %q fatal=%v", r.failed(), r.fatal)
	}
	if r := run(t, func(tb testing.TB) {
		payloadCase.Expect(tb, Answer{Errors: []CodePath{{"e", "order"}}, Warnings: payloadCase.WantWarnings})
	}); !r.fatal {
		t.Error("errors in a payload case passed")
	}
}

func TestComparePayload(t *testing.T) {
	indented := []byte("{\n  \"a\": 1,\n  \"b\": [\n    \"x\"\n  ]\n}\n")
	for name, c := range map[string]Case{"indented": {Name: "c", Payload: indented}, "compact": {Name: "c", Payload: []byte(`{"a":1,"b":["x"]}`)}} {
		if r := run(t, func(tb testing.TB) { c.ComparePayload(tb, []byte(`{"a":1,"b":["x"]}`)) }); r.errs != nil {
			t.Errorf("%s file: %s", name, r.failed())
		}
		for _, p := range [][]byte{[]byte(`{"a":2,"b":["x"]}`), indented} { // another value; a payload not compact
			if r := run(t, func(tb testing.TB) { c.ComparePayload(tb, p) }); r.errs == nil {
				t.Errorf("%s file: %s passed", name, p)
			}
		}
	}
	exact := Case{Name: "c", Payload: indented}
	if r := run(t, func(tb testing.TB) { exact.ComparePayloadExact(tb, []byte(`{"a":1,"b":["x"]}`)) }); r.errs != nil {
		t.Errorf("exact: %s", r.failed())
	}
	exact.Payload = []byte(`{"a":1,"b":["x"]}`)
	if r := run(t, func(tb testing.TB) { exact.ComparePayloadExact(tb, []byte(`{"a":1,"b":["x"]}`)) }); r.errs == nil {
		t.Error("exact: a compact file passed")
	}
}

func TestUpdate(t *testing.T) {
	defer func(was bool) { *update = was }(*update)
	*update = true
	c := Case{Name: "c", Dir: t.TempDir(), Payload: []byte(`{"old":true}`)}
	c.ComparePayload(t, []byte(`{"a":1}`))
	b, err := os.ReadFile(filepath.Join(c.Dir, "c.payload.json"))
	if err != nil || string(b) != "{\n  \"a\": 1\n}\n" {
		t.Errorf("written %q %v", b, err)
	}
	c.ComparePayloadExact(t, []byte(`{"a":2}`))
	if b, _ := os.ReadFile(filepath.Join(c.Dir, "c.payload.json")); string(b) != "{\n  \"a\": 2\n}\n" {
		t.Errorf("written %q", b)
	}
}
