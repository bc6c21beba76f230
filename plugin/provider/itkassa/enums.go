package itkassa

import "github.com/kopeck/kopeck/plugin/receipt"

// The mapping tables from kopeck's canonical enumerations to ITKassa's
// codes, exactly as the API document lists them. A canonical value missing
// from a table has no documented ITKassa code and is refused with the
// problem code "unsupported": guessing a code would print a wrong receipt.

// Types maps the receipt kind to the command type.
var Types = map[receipt.Kind]string{
	receipt.KindSale:           "sale",
	receipt.KindSaleRefund:     "returnSale",
	receipt.KindPurchase:       "buy",
	receipt.KindPurchaseRefund: "returnBuy",
}

// Taxes maps the VAT rate to the line's "tax". The document's table reads
// "vat_120 НДС 10/120", which contradicts itself (10/120 is no rate): the
// code follows the pattern vat_110 = 10/110, so vat_120 is the calculated
// rate 20/120. vat5, vat7, vat22, vat105, vat107 and vat122 have no
// documented code.
var Taxes = map[receipt.VAT]string{
	receipt.VATNone: "vat_none",
	receipt.VAT0:    "vat_0",
	receipt.VAT10:   "vat_10",
	receipt.VAT20:   "vat_20",
	receipt.VAT110:  "vat_110",
	receipt.VAT120:  "vat_120",
}

// Subjects maps the payment subject (tag 1212) to "ppr". The subjects FFD
// 1.2 added (property_right, non_operating_gain, insurance_premium,
// sales_tax, resort_fee, deposit) have no documented code.
var Subjects = map[receipt.Subject]string{
	receipt.Commodity:            "goods",
	receipt.Excise:               "excise_goods",
	receipt.Job:                  "job",
	receipt.Service:              "service",
	receipt.GamblingBet:          "bet_in_game",
	receipt.GamblingPrize:        "winning_in_game",
	receipt.Lottery:              "lottery_ticket",
	receipt.LotteryPrize:         "lottery_winning",
	receipt.IntellectualActivity: "ipr",
	receipt.SubjectPayment:       "payment",
	receipt.Composite:            "composite",
	receipt.AgentCommission:      "agent_commission",
	receipt.Another:              "other",
}

// Methods maps the payment method (tag 1214) to "psr"; every FFD method
// has a code.
var Methods = map[receipt.PaymentMethod]string{
	receipt.FullPrepayment: "prepayment_100",
	receipt.Prepayment:     "prepayment",
	receipt.Advance:        "advance",
	receipt.FullPayment:    "full_settle",
	receipt.PartialPayment: "credit",
	receipt.Credit:         "credit_transfer",
	receipt.CreditPayment:  "credit_payment",
}

// TaxSystems maps the seller's tax system (tag 1055) to "sno". The
// document's table breaks the USN income-minus-outcome code over two cells
// ("sno_ysn_dm" / "r"); the correction example writes it whole,
// "sno_ysn_dmr", and so does kopeck.
var TaxSystems = map[receipt.TaxSystem]string{
	receipt.OSN:              "sno_osn",
	receipt.USNIncome:        "sno_ysn_d",
	receipt.USNIncomeOutcome: "sno_ysn_dmr",
	receipt.ENVD:             "sno_envd",
	receipt.ESN:              "sno_esn",
	receipt.Patent:           "sno_psn",
}

// Amounts maps the payment type to the command's amount field.
var Amounts = map[receipt.PaymentType]string{
	receipt.Cash:       "amountCash",
	receipt.Electronic: "amountElectronic",
	receipt.Prepaid:    "amountPrepaid",
	receipt.OnCredit:   "amountCredit",
	receipt.Other:      "amountIncoming",
}

// CorrectionVATs maps the VAT rate to the correction's amountVat* field.
var CorrectionVATs = map[receipt.VAT]string{
	receipt.VATNone: "amountVatNone",
	receipt.VAT0:    "amountVat0",
	receipt.VAT10:   "amountVat10",
	receipt.VAT20:   "amountVat20",
	receipt.VAT110:  "amountVat110",
	receipt.VAT120:  "amountVat120",
}

// AgentMask returns the ITKassa tagAgentType (tags 1057/1222) of an agent
// type: the number whose only set bit is the type's bit in the document's
// table (bank_paying_agent 1, bank_paying_subagent 2, paying_agent 4,
// paying_subagent 8, attorney 16, commission_agent 32, another 64), and
// false for an unknown type.
func AgentMask(a receipt.AgentType) (int, bool) {
	b := a.Bit()
	if b < 0 {
		return 0, false
	}
	return 1 << b, true
}
