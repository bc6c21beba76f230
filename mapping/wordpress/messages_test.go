package wordpress

import (
	"strings"
	"testing"

	"github.com/kopeck/kopeck/plugin/receipt"
)

// Every code has an English and a Russian message, and the placeholders the
// mapping passes are filled in both.
func TestMessages(t *testing.T) {
	params := map[string][]string{
		CodeNotPaid:            {"status", "pending"},
		CodeRounded:            {"value", "89.991", "rounded", "89.99"},
		CodeVATRate:            {"value", "18"},
		CodeVATAmbiguous:       {"rates", "vat10, vat20"},
		CodeVATUnknown:         {"id", `"7"`},
		CodeCurrencyAsRUB:      {"value", `"USD"`},
		CodeContactDropped:     {"value", `"x"`, "field", "email"},
		CodePaymentTypeDefault: {"value", `"cod"`},
		CodeRefundSign:         {"value", "1"},
		CodeRefundEmpty:        nil,
		CodeRefundTooLarge:     {"amount", "1700.00", "total", "1699.99"},
		CodeRefundSpread:       {"amount", "500.00"},
		CodeRefundNoQuantity:   {"amount", "50.00"},
		CodeRefundItemUnknown:  {"id", `"999"`},
		CodeRESTError:          {"code", "woocommerce_rest_shop_order_invalid_id"},
	}
	for code, ps := range params {
		p := receipt.NewProblem(receipt.SeverityError, code, "order", ps...)
		ru := receipt.Problems{p}.Localize("ru")[0].Message
		for _, m := range []string{p.Message, ru} {
			if m == code || strings.ContainsAny(m, "{}") {
				t.Errorf("%s: message %q", code, m)
			}
			for i := 1; i < len(ps); i += 2 {
				if !strings.Contains(m, ps[i]) {
					t.Errorf("%s: %q lacks %s", code, m, ps[i])
				}
			}
		}
		if p.Message == ru {
			t.Errorf("%s: no Russian message", code)
		}
	}
}
