package receipt

import (
	"strings"
	"unicode/utf8"
)

// NormalizePhone returns a phone number as digits only, international form
// without "+": "+7 (912) 345-67-89" → "79123456789". A Russian number
// written with the trunk prefix 8 ("8 912 345-67-89") or without a country
// code ("912 345 67 89", ten digits) becomes 7XXXXXXXXXX. Spaces, dashes,
// dots and parentheses are dropped; a leading "+" is allowed; anything else,
// or a result outside 11..15 digits (E.164), is refused.
func NormalizePhone(s string) (string, bool) {
	s = strings.TrimSpace(s)
	var b strings.Builder
	for i, r := range s {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == '+' && i == 0:
		case r == ' ' || r == '-' || r == '(' || r == ')' || r == '.' || r == '\u00a0':
		default:
			return "", false
		}
	}
	d := b.String()
	switch {
	case len(d) == 11 && d[0] == '8' && !strings.HasPrefix(s, "+"):
		d = "7" + d[1:]
	case len(d) == 10 && d[0] == '9' && !strings.HasPrefix(s, "+"):
		d = "7" + d
	}
	if len(d) < 11 || len(d) > 15 || d[0] == '0' {
		return "", false
	}
	return d, true
}

// ValidEmail reports whether s is a plain email address: one "@", a local
// part of 1–64 characters without spaces or quotes, and a domain of labels
// (letters, digits, hyphens; Cyrillic allowed) with at least one dot; 254
// characters at most. Display names ("Ann <a@b.ru>") are refused.
func ValidEmail(s string) bool {
	if len(s) > 254 || !utf8.ValidString(s) {
		return false
	}
	at := strings.LastIndexByte(s, '@')
	if at < 1 || at > 64 || strings.Count(s, "@") != 1 {
		return false
	}
	local, domain := s[:at], s[at+1:]
	for _, r := range local {
		if r <= ' ' || r == '"' || r == '<' || r == '>' || r == '(' || r == ')' || r == ',' || r == ';' || r == ':' || r == '\\' || r == '[' || r == ']' || r == 0x7f {
			return false
		}
	}
	if strings.HasPrefix(local, ".") || strings.HasSuffix(local, ".") || strings.Contains(local, "..") {
		return false
	}
	labels := strings.Split(domain, ".")
	if len(labels) < 2 {
		return false
	}
	for _, l := range labels {
		if l == "" || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
			return false
		}
		for _, r := range l {
			if !(r == '-' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= 0x80) {
				return false
			}
		}
	}
	return true
}

// INN reasons.
const (
	INNLength = "must have 10 digits (organisation) or 12 digits (person)"
	INNDigits = "must contain digits only"
	INNCheck  = "check digits do not match"
)

// CheckINN checks a taxpayer number (ИНН): 10 digits for an organisation,
// 12 for a person, with the check digits of the Federal Tax Service. It
// returns "" when valid, else one of the INN reasons.
func CheckINN(s string) string {
	for _, r := range s {
		if r < '0' || r > '9' {
			return INNDigits
		}
	}
	d := make([]int, len(s))
	for i := range s {
		d[i] = int(s[i] - '0')
	}
	check := func(w []int) int {
		sum := 0
		for i, k := range w {
			sum += k * d[i]
		}
		return sum % 11 % 10
	}
	switch len(s) {
	case 10:
		if check([]int{2, 4, 10, 3, 5, 9, 4, 6, 8}) != d[9] {
			return INNCheck
		}
	case 12:
		if check([]int{7, 2, 4, 10, 3, 5, 9, 4, 6, 8}) != d[10] ||
			check([]int{3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8}) != d[11] {
			return INNCheck
		}
	default:
		return INNLength
	}
	return ""
}

// Truncate cuts s to at most limit characters (runes, never bytes: a
// Cyrillic letter is two bytes in UTF-8) and reports whether it cut.
func Truncate(s string, limit int) (string, bool) {
	if limit <= 0 || utf8.RuneCountInString(s) <= limit {
		return s, false
	}
	n := 0
	for i := range s {
		if n == limit {
			return s[:i], true
		}
		n++
	}
	return s, false
}
