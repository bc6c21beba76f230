package itkassa

import (
	"strings"
	"testing"

	"github.com/kopeck/kopeck/plugin/receipt"
)

// Every code of the package has English and Russian messages whose
// placeholders are all filled by the params the package passes.
func TestMessages(t *testing.T) {
	cases := map[string][]string{
		CodeLineAmount:           {"total", "1", "price", "1", "quantity", "1", "amount", "1"},
		CodeLinesTotal:           {"lines", "1", "total", "2"},
		CodeAgentConflict:        {"field", "f", "first", "a", "second", "b"},
		CodeInvalidUUID:          {"value", "x"},
		CodeInvalidURL:           {"value", "x"},
		CodeInvalidDate:          {"value", "x"},
		CodeInvalidKey:           nil,
		CodeNomenclature:         nil,
		CodeNoTestEndpoint:       nil,
		CodeOutOfRange:           {"value", "0", "min", "1", "max", "2"},
		CodeCallbackUnauthorized: {"reason", "wrong"},
	}
	for code, params := range cases {
		p := receipt.NewProblem(receipt.SeverityError, code, "x", params...)
		ru := receipt.Problems{p}.Localize("ru")[0]
		for _, m := range []string{p.Message, ru.Message} {
			if m == code || strings.Contains(m, "{") {
				t.Errorf("%s: %q", code, m)
			}
		}
		if p.Message == ru.Message {
			t.Errorf("%s has no Russian message", code)
		}
	}
}
