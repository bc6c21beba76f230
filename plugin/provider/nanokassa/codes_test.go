package nanokassa

import (
	"testing"

	"github.com/kopeck/kopeck/plugin/receipt"
)

// The tables against the document's lists, written out by hand.
func TestCodeTables(t *testing.T) {
	doc := map[receipt.VAT]int{"vat20": 1, "vat10": 2, "vat120": 3, "vat110": 4, "vat0": 5, "none": 6}
	for v, want := range doc {
		if got, ok := vatCode(v, false); !ok || got != want {
			t.Errorf("vat %s: %d %v", v, got, ok)
		}
	}
	for _, v := range []receipt.VAT{"vat5", "vat7", "vat105", "vat107", "vat22", "vat122", "bogus"} {
		if _, ok := vatCode(v, false); ok {
			t.Errorf("vat %s has no documented code", v)
		}
	}
	if c, ok := vatCode("vat122", true); !ok || c != 12 {
		t.Errorf("extended vat122: %d", c)
	}
	if _, ok := vatCode("bogus", true); ok {
		t.Error("bogus VAT")
	}
	for _, s := range []receipt.Subject{"lottery", "property_right", "deposit", "bogus"} {
		if _, ok := subjectCode(s); ok {
			t.Errorf("subject %s is not in the document", s)
		}
	}
	if c, ok := subjectCode("lottery_prize"); !ok || c != 8 {
		t.Errorf("lottery_prize: %d", c)
	}
	if c, ok := subjectCode("another"); !ok || c != 13 {
		t.Errorf("another: %d", c)
	}
	if c, ok := agentCode(&receipt.Agent{Type: "another"}); !ok || c != "6" {
		t.Errorf("agent another: %s", c)
	}
	if _, ok := agentCode(&receipt.Agent{Type: "bogus"}); ok {
		t.Error("bogus agent")
	}
	if c, _ := agentCode(nil); c != "none" {
		t.Error("no agent")
	}
	if c, ok := taxSystemCode("patent"); !ok || c != "5" {
		t.Errorf("patent: %s", c)
	}
	for _, bad := range []func() bool{
		func() bool { _, ok := taxSystemCode("bogus"); return ok },
		func() bool { _, ok := kindCode("bogus"); return ok },
		func() bool { _, ok := paymentMethodCode("bogus"); return ok },
		func() bool { _, ok := sendType("print"); return ok },
	} {
		if bad() {
			t.Error("an unknown value got a code")
		}
	}
}
