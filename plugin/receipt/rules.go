package receipt

// Rules are the parts of the caller's settings that the core applies while
// it reconciles and validates an order. The settings package fills them.
type Rules struct {
	TaxSystem TaxSystem
	Deliver   Deliver
	Defaults  Defaults
	// IncludeShipping lets order-level discounts be spread over shipping
	// lines too (settings.discount.include_shipping).
	IncludeShipping bool
	// Tolerance is the largest difference between the lines and the paid
	// amount that is spread over the lines instead of being an error.
	Tolerance Money
	// NameLimit is the longest line name in characters (FFD: 128).
	NameLimit int
	// ExactLines demands price × quantity without rounding on every line,
	// for providers that send no line total and let the register multiply
	// (Kassa-v-online). See FitExact.
	ExactLines bool
	Vending    *Vending
}

// Defaults fill what an item does not say.
type Defaults struct {
	VAT             VAT
	PaymentMethod   PaymentMethod
	Subject         Subject
	ShippingVAT     VAT
	ShippingSubject Subject
}

// DefaultRules are the rules when settings say nothing: VAT "none",
// full_payment, commodity; shipping as a service with the default VAT; a
// tolerance of 1.00 RUB; names up to 128 characters. There is no default
// tax system: a receipt needs the seller's own.
func DefaultRules() Rules {
	return Rules{
		Deliver: DeliverEmail,
		Defaults: Defaults{
			VAT:             VATNone,
			PaymentMethod:   FullPayment,
			Subject:         Commodity,
			ShippingSubject: Service,
		},
		Tolerance: 100,
		NameLimit: 128,
	}
}
