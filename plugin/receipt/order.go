package receipt

// Order is the canonical order that a mapping (generic, WooCommerce) makes
// from the caller's JSON: what the shop sold, before reconciliation. Every
// element remembers the JSON path it came from, so that problems found later
// point at the caller's own field.
type Order struct {
	ID        string     `json:"id"`
	Kind      Kind       `json:"kind"`
	Items     []Item     `json:"items"`
	Discounts []Discount `json:"discounts,omitempty"`
	// Payments as given; empty means one electronic payment of the paid amount.
	Payments []Payment `json:"payments,omitempty"`
	// Paid is the amount the customer really paid (the receipt total) when the
	// source states it; nil means the sum of the payments, or of the lines.
	Paid     *Money   `json:"paid,omitempty"`
	Customer Customer `json:"customer"`
	Cashier  Cashier  `json:"cashier"`
	// Reference names the paid receipt a refund refers to (optional).
	Reference *Reference `json:"reference,omitempty"`

	// Paths of the order's own fields in the caller's input.
	Path         string `json:"-"` // the order object, e.g. "order"
	PaidPath     string `json:"-"`
	PaymentsPath string `json:"-"`
}

// Item is one line of the order before reconciliation.
type Item struct {
	Name     string   `json:"name"`
	Type     ItemType `json:"type"`
	Price    Money    `json:"price"`    // unit price before any discount
	Quantity Qty      `json:"quantity"` // thousandths
	// Discount is the line's own discount in kopecks (0 when none).
	Discount Money `json:"discount,omitempty"`
	// Total is the line's amount after its own discount, when the source
	// states it; it wins over Discount.
	Total            *Money        `json:"total,omitempty"`
	VAT              VAT           `json:"vat"`
	PaymentMethod    PaymentMethod `json:"payment_method"`
	Subject          Subject       `json:"subject"`
	MarkingCode      string        `json:"marking_code,omitempty"`
	NomenclatureCode string        `json:"nomenclature_code,omitempty"`
	Agent            *Agent        `json:"agent,omitempty"`

	Path string `json:"-"` // e.g. "order.items[3]"
}

// Discount is an order-level discount (a coupon, a negative fee) spread over
// the goods lines by reconciliation.
type Discount struct {
	Name   string `json:"name,omitempty"`
	Amount Money  `json:"amount"`
	Path   string `json:"-"`
}

// Payment is money received by one payment type.
type Payment struct {
	Type   PaymentType `json:"type"`
	Amount Money       `json:"amount"`
	Path   string      `json:"-"`
}

// Customer is the buyer's contact: where the electronic receipt goes, and
// the buyer's name and INN for receipts to organisations (tags 1008, 1227, 1228).
type Customer struct {
	Email string `json:"email,omitempty"`
	Phone string `json:"phone,omitempty"` // digits only after validation: 79123456789
	Name  string `json:"name,omitempty"`
	INN   string `json:"inn,omitempty"`
}

// Cashier is the person who issues the receipt (tags 1021, 1203).
type Cashier struct {
	Name string `json:"name,omitempty"`
	INN  string `json:"inn,omitempty"`
}

// Agent is the agent data of a line (tags 1222, 1223, 1224, 1226), named as
// ATOL's agent_info and supplier_info.
type Agent struct {
	Type                    AgentType         `json:"type"`
	Supplier                Supplier          `json:"supplier"`
	PayingAgent             *PayingAgent      `json:"paying_agent,omitempty"`
	ReceivePaymentsOperator *Operator         `json:"receive_payments_operator,omitempty"`
	MoneyTransferOperator   *TransferOperator `json:"money_transfer_operator,omitempty"`
}

// Supplier is the principal the agent sells for (tags 1224, 1225, 1171, 1226).
type Supplier struct {
	Name  string `json:"name,omitempty"`
	INN   string `json:"inn,omitempty"`
	Phone string `json:"phone,omitempty"`
}

// PayingAgent holds the paying agent's operation and phone (tags 1044, 1073).
type PayingAgent struct {
	Operation string `json:"operation,omitempty"`
	Phone     string `json:"phone,omitempty"`
}

// Operator is the payment-receiving operator (tag 1074).
type Operator struct {
	Phone string `json:"phone,omitempty"`
}

// TransferOperator is the money transfer operator (tags 1026, 1005, 1016, 1075).
type TransferOperator struct {
	Name    string `json:"name,omitempty"`
	Address string `json:"address,omitempty"`
	INN     string `json:"inn,omitempty"`
	Phone   string `json:"phone,omitempty"`
}

// Reference names the original receipt or order a refund refers to.
type Reference struct {
	Name   string `json:"name,omitempty"`   // document name, e.g. "Заказ 51"
	Number string `json:"number,omitempty"` // document number, e.g. the order number
	Date   int64  `json:"date,omitempty"`   // unix time of the original payment
}
