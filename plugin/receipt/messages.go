package receipt

// Stable problem codes of the core. Mappings and providers add their own
// with Register. A code never changes its meaning once released.
const (
	CodeRequired         = "required"             // a required field is missing or empty
	CodeNotNumber        = "not_a_number"         // a number field holds something else
	CodeNegative         = "negative"             // a number that must be ≥ 0 is negative
	CodeTooManyDecimals  = "too_many_decimals"    // money with more than 2, quantity with more than 3 decimals
	CodeTooLarge         = "too_large"            // a number beyond MaxMoney or MaxQty
	CodeZeroQuantity     = "zero_quantity"        // quantity 0
	CodeUnknownValue     = "unknown_value"        // a value outside an enumeration
	CodeWrongType        = "wrong_type"           // a JSON value of the wrong type
	CodeCurrency         = "currency"             // a currency other than RUB
	CodeEmail            = "invalid_email"        // not an email address
	CodePhone            = "invalid_phone"        // not a phone number
	CodeINN              = "invalid_inn"          // wrong length or check digits
	CodeAgentData        = "agent_data_missing"   // the agent type needs a field that is missing
	CodeTruncated        = "truncated"            // warning: a string was cut to its limit
	CodeTooLong          = "too_long"             // a string over a limit that must not be cut
	CodeDiscountTooLarge = "discount_too_large"   // a discount larger than what may carry it
	CodeLineTotal        = "line_total_too_large" // a line total above price × quantity
	CodePaymentsMismatch = "payments_mismatch"    // payments do not add up to the paid amount
	CodeTotalMismatch    = "total_mismatch"       // lines and the paid amount differ beyond the tolerance
	CodeAdjusted         = "total_adjusted"       // warning: a small difference was spread over the lines
	CodeLineSplit        = "line_split"           // warning: a line was split to carry its total exactly
	CodeNoItems          = "no_items"             // an order without lines
	CodeNoContact        = "no_contact"           // deliver by email/phone without that contact
	CodeInvalidJSON      = "invalid_json"         // the input is not JSON
	CodeAmountTooLarge   = "amount_too_large"     // a sum over MaxMoney
	CodeUnsupported      = "unsupported"          // a value the chosen provider has no code for
	CodeInvalidURL       = "invalid_url"          // a URL setting that is not an absolute http(s) URL
	CodeNoExactPrice     = "no_exact_price"       // no price makes price × quantity exact where the provider needs it
)

// catalog holds the English and Russian message templates by code.
var catalog = map[string]message{
	CodeRequired:         {"{field} is required", "поле {field} обязательно"},
	CodeNotNumber:        {"{value} is not a number", "{value} — не число"},
	CodeNegative:         {"{value} must not be negative", "{value} не может быть отрицательным"},
	CodeTooManyDecimals:  {"{value} has more than {decimals} decimals", "в {value} больше {decimals} знаков после запятой"},
	CodeTooLarge:         {"{value} is too large", "{value} — слишком большое число"},
	CodeZeroQuantity:     {"quantity must be greater than zero", "количество должно быть больше нуля"},
	CodeUnknownValue:     {"unknown value {value}; expected one of {allowed}", "неизвестное значение {value}; допустимы {allowed}"},
	CodeWrongType:        {"expected {expected}, got {got}", "ожидался {expected}, получен {got}"},
	CodeCurrency:         {"currency {value} is not supported: receipts are in RUB", "валюта {value} не поддерживается: чеки формируются в рублях"},
	CodeEmail:            {"{value} is not an email address", "{value} — не адрес электронной почты"},
	CodePhone:            {"{value} is not a phone number", "{value} — не номер телефона"},
	CodeINN:              {"{value} is not a valid INN: {reason}", "{value} — неверный ИНН: {reason}"},
	CodeAgentData:        {"agent type {agent} needs {field}", "для признака агента {agent} нужно поле {field}"},
	CodeTruncated:        {"cut to {limit} characters (was {length})", "обрезано до {limit} символов (было {length})"},
	CodeTooLong:          {"longer than {limit} characters", "длиннее {limit} символов"},
	CodeDiscountTooLarge: {"discount {discount} is larger than the {base} it applies to", "скидка {discount} больше суммы {base}, к которой она применяется"},
	CodeLineTotal:        {"line total {total} is larger than price × quantity {amount}", "сумма позиции {total} больше цены × количество {amount}"},
	CodePaymentsMismatch: {"payments add up to {payments}, the receipt total is {total}", "сумма оплат {payments} не равна итогу чека {total}"},
	CodeTotalMismatch:    {"lines add up to {lines} but the paid amount is {paid}: difference {difference} exceeds the tolerance {tolerance}", "сумма позиций {lines} не равна оплаченной сумме {paid}: разница {difference} больше допуска {tolerance}"},
	CodeAdjusted:         {"lines added up to {lines}, the paid amount is {paid}: the difference {difference} was spread over the lines", "сумма позиций {lines}, оплачено {paid}: разница {difference} распределена по позициям"},
	CodeLineSplit:        {"line split in two to carry its total {total} exactly", "позиция разделена на две, чтобы сумма {total} сошлась точно"},
	CodeNoItems:          {"the order has no lines", "в заказе нет позиций"},
	CodeNoContact:        {"receipt delivery by {deliver} needs the customer's {deliver}", "для отправки чека ({deliver}) нужен {deliver} покупателя"},
	CodeInvalidJSON:      {"not valid JSON: {reason}", "некорректный JSON: {reason}"},
	CodeAmountTooLarge:   {"the amount {value} is too large", "сумма {value} слишком велика"},
	CodeUnsupported:      {"{provider} has no code for {value}", "у {provider} нет кода для {value}"},
	CodeInvalidURL:       {"not an absolute http or https URL", "не абсолютный адрес http или https"},
	CodeNoExactPrice: {"no kopeck price carries {total} for quantity {quantity} exactly, and this provider multiplies price × quantity itself: change the price or the quantity",
		"никакая цена в копейках не даёт ровно {total} при количестве {quantity}, а этот провайдер сам умножает цену на количество: измените цену или количество"},
}
