package kassavonline

import (
	"strings"
	"testing"

	"github.com/kopeck/kopeck/plugin/receipt"
)

func TestCutByRunes(t *testing.T) {
	var p receipt.Problems
	s := strings.Repeat("Ж", 130) // 260 bytes
	got := cut(s, TitleLimit, "order.items[0].name", &p)
	if got != strings.Repeat("Ж", 128) {
		t.Fatalf("cut to %d runes", len([]rune(got)))
	}
	pr := one(t, p)
	if pr.Code != receipt.CodeTruncated || pr.Severity != receipt.SeverityWarning || pr.Params["limit"] != "128" || pr.Params["length"] != "130" {
		t.Fatalf("%+v", pr)
	}
	p = nil
	if cut(strings.Repeat("Ж", 128), 128, "x", &p) != strings.Repeat("Ж", 128) || len(p) != 0 {
		t.Fatal("128 runes must pass")
	}
}

func TestFit(t *testing.T) {
	var p receipt.Problems
	fit("1234567890123", CashierINNLimit, "order.cashier.inn", &p)
	if pr := one(t, p); pr.Code != receipt.CodeTooLong || pr.Severity != receipt.SeverityError || pr.Path != "order.cashier.inn" {
		t.Fatalf("%+v", pr)
	}
	p = nil
	if fit("123456789012", CashierINNLimit, "x", &p) != "123456789012" || len(p) != 0 {
		t.Fatal(p)
	}
}

func TestPhone(t *testing.T) {
	for in, want := range map[string]string{"79123456789": "+79123456789", "": "", " 79123456789 ": "+79123456789", "+7912": "+7912"} {
		if got := phone(in); got != want {
			t.Errorf("%q → %q, want %q", in, got, want)
		}
	}
}
