package nanokassa

import "github.com/kopeck/kopeck/plugin/receipt"

// Problem codes of this provider, added to the core catalog in init. The
// catalog is shared by every package, so codes whose messages name
// Nanokassa carry the prefix "nanokassa_".
const (
	// CodeNotSent is a warning: a value of the receipt has no field in the
	// Nanokassa request and is not transmitted.
	CodeNotSent = "nanokassa_not_sent"
	// CodeNoReference is a warning: a sale refund without order.reference is
	// sent without korr_arr.
	CodeNoReference = "nanokassa_no_reference"
	// CodeInvalidKey is an error: a key or HMAC constant overridden in the
	// settings section cannot be used. The value is never echoed.
	CodeInvalidKey = "nanokassa_invalid_key"
	// CodeInvalidURL is an error: a URL override is not an http(s) URL.
	CodeInvalidURL = "nanokassa_invalid_url"
	// CodeEncryption is an error: the request could not be encrypted (for
	// example the random source failed).
	CodeEncryption = "nanokassa_encryption"
	// CodeUnreconciled is an error: the receipt handed to Build breaks the
	// receipt invariants (a bug in the caller, never in the shop's data).
	CodeUnreconciled = "unreconciled_receipt"
	// CodeAnswerWithoutID is a warning: an accepted submission without
	// nuid/qnuid; its status cannot be asked.
	CodeAnswerWithoutID = "nanokassa_answer_without_id"
)

func init() {
	receipt.Register(CodeNotSent,
		"{field} is not sent: Nanokassa has no field for it",
		"{field} не передаётся: у Nanokassa нет такого поля")
	receipt.Register(CodeNoReference,
		"a sale refund without order.reference (name, number, date of the paid receipt) is sent without korr_arr",
		"возврат прихода без order.reference (наименование, номер и дата документа) отправляется без korr_arr")
	receipt.Register(CodeInvalidKey,
		"{field} is not a valid {kind}",
		"{field} — недопустимый {kind}")
	receipt.Register(CodeInvalidURL,
		"not an http or https URL",
		"не адрес http или https")
	receipt.Register(CodeEncryption,
		"the request could not be encrypted: {reason}",
		"запрос не удалось зашифровать: {reason}")
	receipt.Register(CodeUnreconciled,
		"the receipt is not reconciled: {reason}",
		"чек не сведён: {reason}")
	receipt.Register(CodeAnswerWithoutID,
		"Nanokassa accepted the receipt but the answer has no nuid/qnuid: its status cannot be asked",
		"Nanokassa приняла чек, но в ответе нет nuid/qnuid: статус узнать нельзя")
}
