package goldencase

import (
	"encoding/json"
	"flag"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kopeck/kopeck/mapping/generic"
	"github.com/kopeck/kopeck/plugin/engine"
	"github.com/kopeck/kopeck/plugin/provider"
	"github.com/kopeck/kopeck/plugin/receipt"
	"github.com/kopeck/kopeck/plugin/settings"
	"github.com/tidwall/gjson"
)

var update = flag.Bool("update", false, "rewrite the .payload.json golden files (then review them by hand)")

// Case is one golden case of a provider.
type Case struct {
	// Name is the file name without its suffix; Dir the folder of the files.
	Name, Dir string
	// Order and RawSettings are the .order.json and .settings.json as read.
	Order, RawSettings []byte
	// Settings is RawSettings parsed.
	Settings settings.Settings
	// Payload is the .payload.json as read (nil for an error case).
	Payload []byte
	// WantErrors is the .errors.json (nil for a payload case); WantWarnings
	// the optional .warnings.json.
	WantErrors, WantWarnings []CodePath
}

// Answer is what the engine answered to a build of a case.
type Answer struct {
	// Raw is the engine's whole answer.
	Raw []byte
	// Payload is the provider payload (nil when the answer has none).
	Payload []byte
	// Request is the HTTP request to send (zero when the answer has none).
	Request provider.Request
	// Receipt is the reconciled receipt (nil when the answer has none).
	Receipt *receipt.Receipt
	// Errors and Warnings are the answer's problems, sorted (never nil).
	Errors, Warnings []CodePath
}

// Load reads every case in dir (the cases of one provider) and fails the
// test when there are fewer than min, when a file is missing or broken, or
// when a case's settings have any problem.
func Load(t testing.TB, dir string, min int) []Case {
	t.Helper()
	orders, _ := filepath.Glob(filepath.Join(dir, "*.order.json"))
	if len(orders) < min {
		t.Fatalf("golden cases missing: %d in %s, want at least %d", len(orders), dir, min)
	}
	var out []Case
	for _, o := range orders {
		name := strings.TrimSuffix(filepath.Base(o), ".order.json")
		file := func(suffix string) string { return filepath.Join(dir, name+suffix) }
		c := Case{Name: name, Dir: dir, Order: read(t, o), RawSettings: read(t, file(".settings.json"))}
		var p receipt.Problems
		c.Settings, p = settings.Parse(c.RawSettings)
		if len(p) > 0 {
			t.Fatalf("%s settings: %v", name, p)
		}
		readJSON(t, file(".errors.json"), &c.WantErrors)
		readJSON(t, file(".warnings.json"), &c.WantWarnings)
		if c.WantErrors == nil {
			c.Payload = read(t, file(".payload.json"))
		}
		out = append(out, c)
	}
	return out
}

// read returns a file's bytes; with -update a missing file is nil.
func read(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil && !*update {
		t.Fatal(err)
	}
	return b
}

// readJSON decodes an optional file into v.
func readJSON(t testing.TB, path string, v any) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		return
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

// Seeded returns a deterministic random source (ChaCha8 with a fixed seed),
// so that encrypted requests are stable.
func Seeded() *rand.ChaCha8 { return rand.NewChaCha8([32]byte{'g', 'o', 'l', 'd', 'e', 'n'}) }

// Build runs the case through engine.Call("build") with a Seeded source.
// A non-nil section replaces the provider's section of the settings (a
// simulator's URL and keys). The answer's receipt, when there is one, must
// pass receipt.Check.
func (c Case) Build(t testing.TB, section json.RawMessage) Answer {
	t.Helper()
	s := c.RawSettings
	if section != nil {
		s = c.WithSection(t, section)
	}
	in := `{"settings":` + string(s) + `,"source":"generic","order":` + string(c.Order) + `}`
	out, err := engine.Call("build", []byte(in), engine.Env{Rand: Seeded()})
	if err != nil {
		t.Fatal(err)
	}
	a := Answer{Raw: out, Errors: codePaths(t, out, "errors"), Warnings: codePaths(t, out, "warnings")}
	if p := gjson.GetBytes(out, "payload"); p.Exists() {
		a.Payload = []byte(p.Raw)
	}
	if r := gjson.GetBytes(out, "request"); r.Exists() {
		if err := json.Unmarshal([]byte(r.Raw), &a.Request); err != nil {
			t.Fatalf("request: %v in %s", err, r.Raw)
		}
	}
	if r := gjson.GetBytes(out, "receipt"); r.Exists() {
		a.Receipt = new(receipt.Receipt)
		if err := json.Unmarshal([]byte(r.Raw), a.Receipt); err != nil {
			t.Fatalf("receipt: %v in %s", err, r.Raw)
		}
		if bad := receipt.Check(a.Receipt); bad != nil {
			t.Fatalf("receipt invariants: %v", bad)
		}
	}
	return a
}

// WithSection returns the case's settings with the provider's section
// replaced by section.
func (c Case) WithSection(t testing.TB, section json.RawMessage) []byte {
	t.Helper()
	m := map[string]json.RawMessage{}
	if err := json.Unmarshal(c.RawSettings, &m); err != nil {
		t.Fatal(err)
	}
	m[c.Settings.Provider] = section
	out, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// Reconcile runs the core on the case as the engine does (generic mapping,
// then receipt.Reconcile with the case's rules and, when prov declares
// ExactLines, with ExactLines), for an error case: the engine's answer
// carries no receipt when it has errors, so this is how a test checks that
// the errors are the provider's refusal of a sound receipt. The mapping must
// give no errors; a receipt, when there is one, must pass receipt.Check.
// Whether it agrees with the engine is tested in this package.
func (c Case) Reconcile(t testing.TB, prov provider.Provider) (*receipt.Receipt, receipt.Problems) {
	t.Helper()
	order, p := generic.Map(c.Order)
	if p.HasErrors() {
		t.Fatalf("mapping: %v", p)
	}
	rules := c.Settings.Rules
	if e, ok := prov.(interface{ ExactLines() bool }); ok && e.ExactLines() {
		rules.ExactLines = true
	}
	r, more := receipt.Reconcile(order, rules)
	p.Add(more)
	if r != nil {
		if bad := receipt.Check(r); bad != nil {
			t.Fatalf("receipt invariants: %v", bad)
		}
	}
	return r, p
}
