package nanokassa

import (
	"strings"
	"testing"

	"github.com/kopeck/kopeck/plugin/receipt"
)

// Every code of the package has an English and a Russian message, and the
// placeholders are filled from the params the package passes.
func TestMessages(t *testing.T) {
	cases := map[string][]string{
		CodeNotSent:         {"field", "customer.inn"},
		CodeNoReference:     nil,
		CodeInvalidKey:      {"field", "hmac_first", "kind", "base64 HMAC key"},
		CodeInvalidURL:      nil,
		CodeEncryption:      {"reason", "no random source"},
		CodeUnreconciled:    {"reason", "line 0"},
		CodeAnswerWithoutID: nil,
	}
	for code, params := range cases {
		ps := receipt.Problems{receipt.NewProblem(receipt.SeverityError, code, "x", params...)}
		for _, loc := range []string{"en", "ru"} {
			m := ps.Localize(loc)[0].Message
			if m == code || m == "" || strings.Contains(m, "{") {
				t.Errorf("%s (%s): %q", code, loc, m)
			}
			for i := 1; i < len(params); i += 2 {
				if !strings.Contains(m, params[i]) {
					t.Errorf("%s (%s): %q lacks %q", code, loc, m, params[i])
				}
			}
		}
		if !strings.HasPrefix(code, "nanokassa_") && code != CodeUnreconciled {
			t.Errorf("%s: codes whose messages name Nanokassa carry its prefix", code)
		}
	}
}
