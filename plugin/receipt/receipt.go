package receipt

// Receipt is the reconciled canonical receipt: what every provider builder
// turns into its own payload. Its invariants (checked by Check):
//   - every line: Price ≥ 0 and Total == Amount(Price, Quantity);
//   - the lines add up to Total;
//   - the payments add up to Total.
type Receipt struct {
	ID        string     `json:"id"`
	Kind      Kind       `json:"kind"`
	TaxSystem TaxSystem  `json:"tax_system"`
	Deliver   Deliver    `json:"deliver"`
	Lines     []Line     `json:"lines"`
	Payments  []Payment  `json:"payments"`
	Total     Money      `json:"total"`
	Customer  Customer   `json:"customer"`
	Cashier   Cashier    `json:"cashier"`
	Vending   *Vending   `json:"vending,omitempty"`
	Reference *Reference `json:"reference,omitempty"`
}

// Line is one reconciled receipt line.
type Line struct {
	Name string   `json:"name"`
	Type ItemType `json:"type"`
	// Price is the final unit price in kopecks, after every discount.
	Price    Money `json:"price"`
	Quantity Qty   `json:"quantity"`
	// Total == Amount(Price, Quantity), exactly.
	Total Money `json:"total"`
	// PriceBeforeDiscount is the unit price the shop listed; Discount is
	// Amount(PriceBeforeDiscount, Quantity) − Total, the line's whole discount
	// (its own and its share of order-level discounts). Discount may be
	// negative only when a paid amount above the lines was spread (a warning
	// says so).
	PriceBeforeDiscount Money         `json:"price_before_discount"`
	Discount            Money         `json:"discount"`
	VAT                 VAT           `json:"vat"`
	PaymentMethod       PaymentMethod `json:"payment_method"`
	Subject             Subject       `json:"subject"`
	MarkingCode         string        `json:"marking_code,omitempty"`
	NomenclatureCode    string        `json:"nomenclature_code,omitempty"`
	Agent               *Agent        `json:"agent,omitempty"`
	// Item is the index of the order item this line comes from; a split item
	// gives two lines with the same Item.
	Item int `json:"item"`
	// Path is the JSON path of that item in the caller's input.
	Path string `json:"path"`
}

// Vending is the place of an automatic device (tags 1009, 1187, 1036).
type Vending struct {
	Address       string `json:"address"`
	Place         string `json:"place"`
	MachineNumber string `json:"machine_number"`
}

// Sum returns the sum of the line totals.
func (r *Receipt) Sum() Money {
	var s Money
	for _, l := range r.Lines {
		s += l.Total
	}
	return s
}

// PaymentSum returns the sum of the payments.
func (r *Receipt) PaymentSum() Money {
	var s Money
	for _, p := range r.Payments {
		s += p.Amount
	}
	return s
}

// PaymentOf returns the sum of the payments of type t.
func (r *Receipt) PaymentOf(t PaymentType) Money {
	var s Money
	for _, p := range r.Payments {
		if p.Type == t {
			s += p.Amount
		}
	}
	return s
}
