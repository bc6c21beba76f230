package engine

import (
	"bytes"
	"encoding/json"
	"flag"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kopeck/kopeck/internal/invariant"
	"github.com/kopeck/kopeck/internal/jsonout"
	"github.com/tidwall/gjson"
)

var update = flag.Bool("update", false, "rewrite the golden files (then review them: each must still pass the invariant checks)")

// payloadCheckers holds an independent checker of each provider's payload
// (the simulators' Check functions), used on every golden file.
var payloadCheckers = map[string]func([]byte) []string{}

// seeded is a deterministic random source, so that golden requests of
// providers that encrypt are stable. Production uses the host's randomness.
func seeded() *rand.ChaCha8 { return rand.NewChaCha8([32]byte{'k', 'o', 'p', 'e', 'c', 'k'}) }

// TestGolden runs every testdata/*/*.input.json through build and compares
// the answer with the .golden.json next to it. Every successful answer is
// also checked by internal/invariant (receipt sums, recomputed in decimals)
// and by the provider's own payload checker, so a golden file is never
// trusted on its own.
func TestGolden(t *testing.T) {
	inputs, _ := filepath.Glob("../../testdata/*/*.input.json")
	if len(inputs) == 0 {
		t.Fatal("no golden inputs found")
	}
	for _, in := range inputs {
		name := strings.TrimSuffix(in, ".input.json")
		t.Run(strings.TrimPrefix(name, "../../testdata/"), func(t *testing.T) {
			data, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			mode := modeBuild
			if !gjson.GetBytes(data, "settings.provider").Exists() {
				mode = modeReceiptOnly
			}
			a := build(data, Env{Rand: seeded()}, mode)
			got, err := jsonout.Marshal(a)
			if err != nil {
				t.Fatal(err)
			}
			var pretty bytes.Buffer
			if err := json.Indent(&pretty, got, "", "  "); err != nil {
				t.Fatal(err)
			}
			pretty.WriteByte('\n')
			checkAnswer(t, data, got)
			golden := name + ".golden.json"
			if *update {
				if err := os.WriteFile(golden, pretty.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./plugin/engine -run TestGolden -update, then review)", err)
			}
			if !bytes.Equal(pretty.Bytes(), want) {
				t.Errorf("answer differs from %s:\n%s", golden, pretty.String())
			}
		})
	}
}

// checkAnswer applies the independent checks to a build answer.
func checkAnswer(t *testing.T, input, answer []byte) {
	t.Helper()
	if gjson.GetBytes(answer, "errors").Exists() {
		for _, e := range gjson.GetBytes(answer, "errors").Array() {
			if e.Get("code").String() == "" || e.Get("message").String() == "" {
				t.Errorf("error without code or message: %s", e.Raw)
			}
		}
		return
	}
	order := []byte(gjson.GetBytes(input, "order").Raw)
	if gjson.GetBytes(input, "source").String() == "woocommerce" {
		order = nil // WooCommerce orders are checked by their own mapping tests
	}
	if bad := invariant.Receipt(answer, order); bad != nil {
		t.Errorf("invariants broken: %v", bad)
	}
	prov := gjson.GetBytes(input, "settings.provider").String()
	if prov == "" {
		return
	}
	check, ok := payloadCheckers[prov]
	if !ok {
		t.Fatalf("no payload checker for %s", prov)
	}
	if bad := check([]byte(gjson.GetBytes(answer, "payload").Raw)); bad != nil {
		t.Errorf("%s payload breaks the provider's rules: %v", prov, bad)
	}
}
