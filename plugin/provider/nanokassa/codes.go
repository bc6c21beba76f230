package nanokassa

import (
	"strconv"

	"github.com/kopeck/kopeck/plugin/receipt"
)

// providerName is how problems name the provider.
const providerName = "Nanokassa"

// vatCodes are the stavka_nds codes of nanokassa-api.txt (field 7).
var vatCodes = map[receipt.VAT]int{
	receipt.VAT20:   1,
	receipt.VAT10:   2,
	receipt.VAT120:  3,
	receipt.VAT110:  4,
	receipt.VAT0:    5,
	receipt.VATNone: 6,
}

// extendedVATCodes are the codes that only a third-party TypeScript client's
// comment attributes to Nanokassa (nanokassa-encryption.md); they are used
// only with settings.nanokassa.extended_vat = true (see doc.go).
var extendedVATCodes = map[receipt.VAT]int{
	receipt.VAT5:   7,
	receipt.VAT7:   8,
	receipt.VAT105: 9,
	receipt.VAT107: 10,
	receipt.VAT22:  11,
	receipt.VAT122: 12,
}

// vatCode returns stavka_nds for v, or false when Nanokassa has no
// documented code (or an extended one that the settings did not allow).
func vatCode(v receipt.VAT, extended bool) (int, bool) {
	if c, ok := vatCodes[v]; ok {
		return c, true
	}
	if extended {
		c, ok := extendedVATCodes[v]
		return c, ok
	}
	return 0, false
}

// paymentMethodCode returns priznak_sposoba_rascheta: 1..7 in FFD order.
func paymentMethodCode(m receipt.PaymentMethod) (int, bool) {
	i := receipt.Index(receipt.PaymentMethods, m)
	return i + 1, i >= 0
}

// subjectCode returns priznak_predmeta_rascheta: the FFD code when the
// document lists it (1..6, 8..13; 7 "lottery" and 14..19 are missing).
func subjectCode(s receipt.Subject) (int, bool) {
	c := receipt.Index(receipt.Subjects, s) + 1
	if c < 1 || c == 7 || c > 13 {
		return 0, false
	}
	return c, true
}

// agentCode returns priznak_agenta: "none" without an agent, else the
// agent type's bit number "0".."6" as a string (the document's type).
func agentCode(a *receipt.Agent) (string, bool) {
	if a == nil {
		return "none", true
	}
	b := a.Type.Bit()
	if b < 0 {
		return "", false
	}
	return strconv.Itoa(b), true
}

// taxSystemCode returns rezhim_nalog 0..5 as a string, as the document's
// example and Nanokassa's own plugin send it.
func taxSystemCode(t receipt.TaxSystem) (string, bool) {
	i := receipt.Index(receipt.TaxSystems, t)
	if i < 0 {
		return "", false
	}
	return strconv.Itoa(i), true
}

// kindCode returns priznak_rascheta 1..4.
func kindCode(k receipt.Kind) (int, bool) {
	i := receipt.Index(receipt.Kinds, k)
	return i + 1, i >= 0
}

// sendType returns check_send_type: "email" or "phone"; Nanokassa has no
// value for a printed receipt.
func sendType(d receipt.Deliver) (string, bool) {
	switch d {
	case receipt.DeliverEmail:
		return "email", true
	case receipt.DeliverPhone:
		return "phone", true
	}
	return "", false
}
