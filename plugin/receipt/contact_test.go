package receipt

import "testing"

func TestNormalizePhone(t *testing.T) {
	good := map[string]string{
		"+7 (912) 345-67-89": "79123456789", "8 912 345 67 89": "79123456789", "9123456789": "79123456789",
		"79123456789": "79123456789", "+375 29 123-45-67": "375291234567",
	}
	for in, want := range good {
		if got, ok := NormalizePhone(in); !ok || got != want {
			t.Errorf("NormalizePhone(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, in := range []string{"123", "", "phone", "+7 912 ABC", "7912345678901234", "012345678901", "7+9123456789"} {
		if got, ok := NormalizePhone(in); ok {
			t.Errorf("NormalizePhone(%q) = %q, want refusal", in, got)
		}
	}
}

func TestValidEmail(t *testing.T) {
	for _, s := range []string{"a@b.ru", "ivan.petrov+shop@mail.example.com", "почта@пример.рф"} {
		if !ValidEmail(s) {
			t.Errorf("%q refused", s)
		}
	}
	for _, s := range []string{"", "a", "a@b", "@b.ru", "a@@b.ru", "a b@c.ru", "Ann <a@b.ru>", "a@-b.ru", "a@b..ru", ".a@b.ru"} {
		if ValidEmail(s) {
			t.Errorf("%q accepted", s)
		}
	}
}

func TestCheckINN(t *testing.T) {
	// 7707083893 (Sberbank) and 500100732259 are well-known valid INNs.
	for _, s := range []string{"7707083893", "500100732259", "7830002293"} {
		if r := CheckINN(s); r != "" {
			t.Errorf("%s: %s", s, r)
		}
	}
	bad := map[string]string{"7707083894": INNCheck, "500100732250": INNCheck, "12345": INNLength, "77070838AB": INNDigits, "": INNLength}
	for s, want := range bad {
		if r := CheckINN(s); r != want {
			t.Errorf("CheckINN(%q) = %q, want %q", s, r, want)
		}
	}
}

func TestTruncateByCharacters(t *testing.T) {
	s, cut := Truncate("Молоко пастеризованное", 6)
	if !cut || s != "Молоко" {
		t.Errorf("%q %v", s, cut)
	}
	if s, cut := Truncate("Сыр", 6); cut || s != "Сыр" {
		t.Errorf("%q %v", s, cut)
	}
}
