package kassavonline

import (
	"encoding/json"

	"github.com/kopeck/kopeck/plugin/provider"
	"github.com/kopeck/kopeck/plugin/receipt"
)

// Name is the provider's settings name.
const Name = "kassavonline"

type kassa struct{}

// New returns the Kassa-v-online provider.
func New() provider.Provider { return kassa{} }

// Name returns "kassavonline".
func (kassa) Name() string { return Name }

// ExactLines reports that this provider needs price × quantity to be every
// line's total without rounding: its items have no total, the register
// multiplies. The engine then reconciles with receipt.Rules.ExactLines.
func (kassa) ExactLines() bool { return true }

// Build turns a reconciled receipt into the params JSON of /api/print
// (Built.Payload) and the complete form POST. Any error leaves Built empty.
func (kassa) Build(r *receipt.Receipt, o provider.Options) (b provider.Built, p receipt.Problems) {
	defer func() {
		if v := recover(); v != nil {
			b, p = provider.Built{}, append(p, receipt.NewProblem(receipt.SeverityError, CodeInternal, "order"))
		}
	}()
	c := readConfig(o, true, &p)
	c.guardTest(o, &p)
	if r == nil {
		p.Errorf(receipt.CodeRequired, "order", "field", "order")
		return provider.Built{}, p
	}
	doc := buildDocument(r, c.Marking, &p)
	if p.HasErrors() {
		return provider.Built{}, p
	}
	payload := encode(params{Serial: c.Serial, ConnKey: c.ConnKey, Receipt: doc})
	return provider.Built{Payload: json.RawMessage(payload), Request: c.envelope("print", payload)}, p
}
