package generic

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/kopeck/kopeck/plugin/receipt"
	"github.com/tidwall/gjson"
)

// FuzzMapReconcile feeds arbitrary JSON to the generic mapping and the
// reconciliation: nothing may panic, and every receipt that comes out must
// satisfy receipt.Check and keep each item's quantity.
// Run: go test ./mapping/generic -run '^$' -fuzz FuzzMapReconcile -fuzztime 60s
func FuzzMapReconcile(f *testing.F) {
	files, _ := filepath.Glob("../../testdata/generic/*.input.json")
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add([]byte(gjson.GetBytes(data, "order").Raw))
	}
	f.Add([]byte(`{"id":"1","items":[{"name":"A","price":"0.01","quantity":"1.001"}],"discounts":[{"amount":"0.01"}],"total":"0.00"}`))
	rules := receipt.DefaultRules()
	rules.TaxSystem = receipt.OSN
	rules.Deliver = receipt.DeliverPrint
	f.Fuzz(func(t *testing.T, doc []byte) {
		o, p := Map(doc)
		if p.HasErrors() {
			return
		}
		r, p := receipt.Reconcile(o, rules)
		if p.HasErrors() {
			if r != nil {
				t.Fatal("a receipt together with errors")
			}
			return
		}
		if bad := receipt.Check(r); bad != nil {
			t.Fatalf("invariants broken: %v", bad)
		}
		qty := make([]receipt.Qty, len(o.Items))
		for _, l := range r.Lines {
			qty[l.Item] += l.Quantity
		}
		for i, it := range o.Items {
			if qty[i] != it.Quantity {
				t.Fatalf("item %d: quantity %v became %v", i, it.Quantity, qty[i])
			}
		}
	})
}
