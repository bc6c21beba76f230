package kassavonline

import (
	"strings"
	"testing"

	"github.com/kopeck/kopeck/plugin/receipt"
)

// Every code of the package has an English and a Russian message, and the
// templates' placeholders are filled.
func TestMessages(t *testing.T) {
	for _, c := range []struct {
		code   string
		params []string
	}{
		{CodeInexactLine, []string{"price", "0.99", "quantity", "1.5", "exact", "1.485", "total", "1.49"}},
		{CodeMarking, []string{"field", "marking code"}},
		{CodeNotSent, []string{"field", "customer name"}},
		{CodeNoTestMode, nil},
		{CodeInvalidURL, nil},
		{CodeAnswerWithoutID, nil},
		{CodeInternal, nil},
	} {
		p := receipt.Problems{receipt.NewProblem(receipt.SeverityError, c.code, "x", c.params...)}
		en, ru := p[0].Message, p.Localize("ru")[0].Message
		if en == c.code || ru == c.code || en == ru || strings.Contains(en+ru, "{") {
			t.Errorf("%s: %q / %q", c.code, en, ru)
		}
	}
}
