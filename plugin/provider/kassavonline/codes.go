package kassavonline

import (
	"strconv"

	"github.com/kopeck/kopeck/plugin/receipt"
)

// providerName is how problems name the provider.
const providerName = "Kassa-v-online"

// Receipt types (receipt.type).
const (
	TypeSale       = "cash_in"        // приход
	TypeSaleRefund = "return_cash_in" // возврат прихода
	TypeXReport    = "x-report"
	TypeZReport    = "z-report"
)

// kinds maps the receipt kinds the provider offers; purchases and purchase
// refunds (расход, возврат расхода) have no type in its document.
var kinds = map[receipt.Kind]string{
	receipt.KindSale:       TypeSale,
	receipt.KindSaleRefund: TypeSaleRefund,
}

// vats maps VAT rates to tax_type_name. VAT18 and VAT118 are in the
// provider's list but are the 18 % rates abolished in 2019: kopeck never
// produces them. 5 %, 7 % and 22 % (and their calculated rates) have no code.
var vats = map[receipt.VAT]string{
	receipt.VATNone: "NO",
	receipt.VAT0:    "VAT0",
	receipt.VAT10:   "VAT10",
	receipt.VAT20:   "VAT20",
	receipt.VAT110:  "VAT110",
	receipt.VAT120:  "VAT120",
}

// agents maps the agent types the provider offers to agent_type.
var agents = map[receipt.AgentType]string{
	receipt.CommissionAgent: "COMMISSION_AGENT",
	receipt.AnotherAgent:    "ANOTHER",
}

// AgentNone is agent_type for a line sold on the seller's own account.
const AgentNone = "NONE"

// payments maps payment types to the payments[].type names.
var payments = map[receipt.PaymentType]string{
	receipt.Cash:       "cash",
	receipt.Electronic: "electronically",
	receipt.Prepaid:    "prepaid",
	receipt.OnCredit:   "credit",
	receipt.Other:      "other",
}

// subjectCode returns payment_subject: the FFD code (index + 1) for the codes
// the document lists, 1–14 and 17–19. 15 (non-operating gain) and 16
// (insurance premium) are not in its list.
func subjectCode(s receipt.Subject) (int, bool) {
	i := receipt.Index(receipt.Subjects, s)
	if i < 0 {
		return 0, false
	}
	code := i + 1
	if code == 15 || code == 16 {
		return 0, false
	}
	return code, true
}

// methodCode returns payment_type: the FFD code 1–7, all of which the
// document lists.
func methodCode(m receipt.PaymentMethod) (int, bool) {
	i := receipt.Index(receipt.PaymentMethods, m)
	return i + 1, i >= 0
}

// mapKind returns receipt.type for k, or records a problem at "order.kind".
func mapKind(k receipt.Kind, p *receipt.Problems) string {
	if t, ok := kinds[k]; ok {
		return t
	}
	unknownOrUnsupported(p, "order.kind", "kind", string(k), receipt.Valid(receipt.Kinds, k), enumNames(receipt.Kinds))
	return ""
}

// mapVAT returns tax_type_name for v, or records a problem at path.
func mapVAT(v receipt.VAT, path string, p *receipt.Problems) string {
	if t, ok := vats[v]; ok {
		return t
	}
	unknownOrUnsupported(p, path, "vat", string(v), receipt.Valid(receipt.VATs, v), enumNames(receipt.VATs))
	return ""
}

// mapMethod returns payment_type for m, or records a problem at path.
func mapMethod(m receipt.PaymentMethod, path string, p *receipt.Problems) int {
	if c, ok := methodCode(m); ok {
		return c
	}
	unknownOrUnsupported(p, path, "payment_method", string(m), false, enumNames(receipt.PaymentMethods))
	return 0
}

// mapSubject returns payment_subject for s, or records a problem at path.
func mapSubject(s receipt.Subject, path string, p *receipt.Problems) int {
	if c, ok := subjectCode(s); ok {
		return c
	}
	unknownOrUnsupported(p, path, "subject", string(s), receipt.Valid(receipt.Subjects, s), enumNames(receipt.Subjects))
	return 0
}

// mapAgent returns agent_type for a (NONE for nil), or records a problem at path.
func mapAgent(a *receipt.Agent, path string, p *receipt.Problems) string {
	if a == nil {
		return AgentNone
	}
	if t, ok := agents[a.Type]; ok {
		return t
	}
	unknownOrUnsupported(p, path, "agent type", string(a.Type), receipt.Valid(receipt.AgentTypes, a.Type), enumNames(receipt.AgentTypes))
	return ""
}

// mapPayment returns payments[].type for t, or records a problem at path.
func mapPayment(t receipt.PaymentType, path string, p *receipt.Problems) string {
	if n, ok := payments[t]; ok {
		return n
	}
	unknownOrUnsupported(p, path, "payment type", string(t), false, enumNames(receipt.PaymentTypes))
	return ""
}

// unknownOrUnsupported records "required" for an empty value, "unsupported"
// for a canonical value this provider has no code for, and "unknown_value"
// for anything else.
func unknownOrUnsupported(p *receipt.Problems, path, field, value string, canonical bool, allowed string) {
	switch {
	case value == "":
		p.Errorf(receipt.CodeRequired, path, "field", field)
	case canonical:
		p.Errorf(receipt.CodeUnsupported, path, "provider", providerName, "value", value)
	default:
		p.Errorf(receipt.CodeUnknownValue, path, "value", strconv.Quote(clip(value, 64)), "allowed", allowed)
	}
}

func enumNames[T ~string](list []T) string {
	s := ""
	for i, v := range list {
		if i > 0 {
			s += ", "
		}
		s += string(v)
	}
	return s
}
