package invariant

import (
	"strings"
	"testing"
)

func TestReceiptCatchesBrokenAnswers(t *testing.T) {
	good := `{"receipt":{"lines":[{"price":"70.95","quantity":"1","total":"70.95","price_before_discount":"77.44","discount":"6.49","item":0},
		{"price":"70.96","quantity":"1","total":"70.96","price_before_discount":"77.44","discount":"6.48","item":0},
		{"price":"99.99","quantity":"0.5","total":"50.00","price_before_discount":"99.99","discount":"0.00","item":1}],
		"payments":[{"type":"electronic","amount":"191.91"}],"total":"191.91"}}`
	order := `{"items":[{"quantity":2},{"quantity":"0.5"}],"total":"191.91"}`
	if bad := Receipt([]byte(good), []byte(order)); bad != nil {
		t.Fatalf("good answer refused: %v", bad)
	}
	broken := map[string]string{
		`"total":"70.95"`:    "total",    // line total off by a kopeck
		`"amount":"191.91"`:  "payments", // payments off
		`"discount":"6.49"`:  "discount", // discount inconsistent
		`"quantity":"0.5"`:   "quantity", // item quantity lost
		`"total":"191.91"}}`: "total is", // receipt total off
	}
	repl := map[string]string{
		`"total":"70.95"`: `"total":"70.94"`, `"amount":"191.91"`: `"amount":"191.90"`, `"discount":"6.49"`: `"discount":"6.50"`,
		`"quantity":"0.5"`: `"quantity":"0.4"`, `"total":"191.91"}}`: `"total":"191.92"}}`,
	}
	for from, want := range broken {
		bad := Receipt([]byte(strings.Replace(good, from, repl[from], 1)), []byte(order))
		if bad == nil || !strings.Contains(strings.Join(bad, ";"), want) {
			t.Errorf("%s → %s not caught: %v", from, repl[from], bad)
		}
	}
}
