package parity

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// testCase is one build input.
type testCase struct {
	name  string
	input []byte
}

// providerSettings are settings for each provider that build in test mode
// without real credentials reaching anybody (requests are only built here).
var providerSettings = map[string]string{
	"nanokassa":    `{"provider":"nanokassa","tax_system":"usn_income","deliver":"email","nanokassa":{"kassaid":"123456","kassatoken":"t0ken"}}`,
	"kassavonline": `{"provider":"kassavonline","tax_system":"usn_income","deliver":"email","kassavonline":{"user":"u","key":"k","kkm_serial_number":"1","kkm_connection_key":"c","url":"http://127.0.0.1:9"}}`,
	"itkassa":      `{"provider":"itkassa","tax_system":"usn_income","deliver":"email","itkassa":{"api_key":"k","cre_item_id":"89189775-e4fc-70d0-5e2c-182e4121308e"}}`,
}

// cases collects every bundled case: the engine's golden inputs, each
// provider's order + settings pairs, and every WooCommerce document (with
// each refund next to it) built for all three providers.
func cases(t testing.TB) []testCase {
	t.Helper()
	var out []testCase
	read := func(p string) []byte {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	inputs, _ := filepath.Glob("../../testdata/*/*.input.json")
	for _, p := range inputs {
		out = append(out, testCase{strings.TrimPrefix(p, "../../testdata/"), read(p)})
	}
	orders, _ := filepath.Glob("../../testdata/*/*.order.json")
	for _, p := range orders {
		s := strings.TrimSuffix(p, ".order.json") + ".settings.json"
		if _, err := os.Stat(s); err != nil {
			continue
		}
		in := `{"settings":` + string(read(s)) + `,"source":"generic","order":` + string(read(p)) + `}`
		out = append(out, testCase{strings.TrimPrefix(p, "../../testdata/"), []byte(in)})
	}
	woo, _ := filepath.Glob("../../testdata/woocommerce/*.json")
	shared, _ := filepath.Glob("../../testdata/woocommerce/shared/*.json")
	provs := make([]string, 0, len(providerSettings))
	for p := range providerSettings {
		provs = append(provs, p)
	}
	sort.Strings(provs)
	for _, p := range append(woo, shared...) {
		if strings.Contains(p, ".refund") {
			continue
		}
		order := read(p)
		refunds, _ := filepath.Glob(strings.TrimSuffix(p, ".json") + ".refund*.json")
		for _, prov := range provs {
			var s map[string]any
			if err := json.Unmarshal([]byte(providerSettings[prov]), &s); err != nil {
				t.Fatal(err)
			}
			s["woocommerce"] = map[string]any{"currency_as_rub": strings.Contains(p, "/shared/")}
			sj, _ := json.Marshal(s)
			name := strings.TrimPrefix(p, "../../testdata/") + "→" + prov
			out = append(out, testCase{name, []byte(`{"settings":` + string(sj) + `,"source":"woocommerce","order":` + string(order) + `}`)})
			for _, r := range refunds {
				out = append(out, testCase{strings.TrimPrefix(r, "../../testdata/") + "→" + prov,
					[]byte(`{"settings":` + string(sj) + `,"source":"woocommerce","order":` + string(order) + `,"refund":` + string(read(r)) + `}`)})
			}
		}
	}
	if len(out) < 20 {
		t.Fatalf("only %d cases found", len(out))
	}
	return out
}
