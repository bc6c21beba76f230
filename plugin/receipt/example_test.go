package receipt_test

import (
	"fmt"

	"github.com/kopeck/kopeck/plugin/receipt"
)

// The Nanokassa document's first line, 2 × 70.955 = 141.91, cannot be one
// kopeck price; Reconcile splits it into two lines that add up exactly.
func ExampleReconcile() {
	rules := receipt.DefaultRules()
	rules.TaxSystem = receipt.USNIncome
	rules.Deliver = receipt.DeliverPrint
	order := receipt.Order{ID: "51", Items: []receipt.Item{
		{Name: "Name of product 1", Price: 7744, Quantity: 2000, Discount: 1297},
	}}
	r, _ := receipt.Reconcile(order, rules)
	for _, l := range r.Lines {
		fmt.Println(l.Quantity, "×", l.Price, "=", l.Total)
	}
	fmt.Println("total", r.Total)
	// Output:
	// 1 × 70.95 = 70.95
	// 1 × 70.96 = 70.96
	// total 141.91
}

func ExampleSpread() {
	fmt.Println(receipt.Spread(100, []receipt.Money{10000, 5000}))
	// Output: [0.67 0.33]
}

func ExampleNormalizePhone() {
	fmt.Println(receipt.NormalizePhone("+7 (912) 345-67-89"))
	// Output: 79123456789 true
}
