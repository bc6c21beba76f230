package kassavonline

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/kopeck/kopeck/plugin/receipt"
)

// Text limits. The provider document gives no lengths; these are the FFD
// 1.05 limits of the tags the fields become. Names may be cut (a warning
// says so); identifiers and contacts may not (an error).
const (
	TitleLimit        = 128 // items[].title, tag 1030: cut
	CashierLimit      = 64  // cashier, tag 1021: cut
	CashierINNLimit   = 12  // cashier_inn, tag 1203: error
	ContactLimit      = 64  // client_email, client_tel, tag 1008: error
	SupplierNameLimit = 256 // suplier_name, tag 1225: cut
	SupplierINNLimit  = 12  // suplier_inn, tag 1226: error
	SupplierTelLimit  = 19  // suplier_phone, tag 1171: error
)

// cut returns s cut to limit runes, recording a truncated warning at path.
func cut(s string, limit int, path string, p *receipt.Problems) string {
	n := utf8.RuneCountInString(s)
	if n <= limit {
		return s
	}
	p.Warnf(receipt.CodeTruncated, path, "limit", strconv.Itoa(limit), "length", strconv.Itoa(n))
	return string([]rune(s)[:limit])
}

// fit returns s, recording too_long at path when it exceeds limit runes.
func fit(s string, limit int, path string, p *receipt.Problems) string {
	if utf8.RuneCountInString(s) > limit {
		p.Errorf(receipt.CodeTooLong, path, "limit", strconv.Itoa(limit))
	}
	return s
}

// phone formats a phone number for the provider: the core keeps digits only
// (79123456789); the provider gets the international form +79123456789.
// Anything that is not all digits is passed as given.
func phone(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return s
		}
	}
	return "+" + s
}
