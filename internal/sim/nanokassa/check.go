package nanokassa

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/big"
	"sort"
	"strings"
	"unicode/utf8"
)

// Check enforces the rules of nanokassa-api.txt on an inner receipt request
// (the JSON before encryption) and returns one message per broken rule;
// none means the request is acceptable. It is written from the document
// alone and shares no code with the builder, so golden files and the
// simulator can check the builder's output independently. VAT codes are
// the document's 1..6; CheckExtended also accepts 7..12.
func Check(payload []byte) []string { return check(payload, false) }

// CheckExtended is Check with the undocumented VAT codes 7..12 allowed (for
// settings.nanokassa.extended_vat).
func CheckExtended(payload []byte) []string { return check(payload, true) }

type checker struct {
	bad      []string
	extended bool
}

func (c *checker) errf(format string, args ...any) {
	c.bad = append(c.bad, fmt.Sprintf(format, args...))
}

var (
	topFields = []string{"kassaid", "kassatoken", "cms", "check_send_type", "name_zakaz", "check_vend_address",
		"check_vend_mesto", "check_vend_num_avtovat", "products_arr", "oplata_arr", "itog_arr", "korr_arr", "test"}
	productFields = []string{"name_tovar", "price_piece_bez_skidki", "skidka", "kolvo", "price_piece", "summa",
		"stavka_nds", "priznak_sposoba_rascheta", "priznak_predmeta_rascheta", "priznak_agenta", "code_tov_nomen",
		"phone_oper_perevoda", "operation_plat_agenta", "phone_plat_agent", "phone_oper_priem_plat",
		"name_oper_perevoda", "address_oper_perevoda", "inn_oper_perevoda", "phone_postavshika", "name_postavshika",
		"discount", "deliveryposition", "mera_kolva_predmeta_rasheta"}
	agentFields = []string{"phone_oper_perevoda", "operation_plat_agenta", "phone_plat_agent", "phone_oper_priem_plat",
		"name_oper_perevoda", "address_oper_perevoda", "inn_oper_perevoda", "phone_postavshika", "name_postavshika"}
	oplataFields = []string{"rezhim_nalog", "money_nal", "money_electro", "money_predoplata", "money_postoplata",
		"money_vstrecha", "kassir_inn", "kassir_fio", "client_email", "client_phone"}
	moneyFields = []string{"money_nal", "money_electro", "money_predoplata", "money_postoplata", "money_vstrecha"}
	itogFields  = []string{"priznak_rascheta", "itog_cheka"}
	korrFields  = []string{"name_doc_korr", "date_doc_korr", "num_doc_korr"}
)

// agentNeeds lists, per priznak_agenta, the fields 11–19 the document marks
// for that type: (BPA, BPSA) 11, 12, 15, 16, 17; (PA, PSA) 13, 14; all 18, 19.
var agentNeeds = map[string][]string{
	"0": {"phone_oper_perevoda", "operation_plat_agenta", "name_oper_perevoda", "address_oper_perevoda", "inn_oper_perevoda", "phone_postavshika", "name_postavshika"},
	"1": {"phone_oper_perevoda", "operation_plat_agenta", "name_oper_perevoda", "address_oper_perevoda", "inn_oper_perevoda", "phone_postavshika", "name_postavshika"},
	"2": {"phone_plat_agent", "phone_oper_priem_plat", "phone_postavshika", "name_postavshika"},
	"3": {"phone_plat_agent", "phone_oper_priem_plat", "phone_postavshika", "name_postavshika"},
	"4": {"phone_postavshika", "name_postavshika"},
	"5": {"phone_postavshika", "name_postavshika"},
	"6": {"phone_postavshika", "name_postavshika"},
}

func check(payload []byte, extended bool) []string {
	c := &checker{extended: extended}
	dec := json.NewDecoder(bytes.NewReader(payload))
	dec.UseNumber()
	var root any
	if err := dec.Decode(&root); err != nil {
		return []string{"not JSON: " + err.Error()}
	}
	if dec.More() {
		return []string{"trailing data after the JSON object"}
	}
	top, ok := root.(map[string]any)
	if !ok {
		return []string{"the request is not a JSON object"}
	}
	c.known("", top, topFields)
	c.str(top, "", "kassaid", true)
	c.str(top, "", "kassatoken", true)
	c.str(top, "", "cms", true)
	send := c.str(top, "", "check_send_type", true)
	if send != "" && send != "email" && send != "phone" {
		c.errf("check_send_type %q is not email or phone", send)
	}
	if _, ok := top["name_zakaz"]; ok {
		c.str(top, "", "name_zakaz", false)
	}
	c.vending(top)
	test := top["test"]
	switch v := test.(type) {
	case string:
		if v != "0" && v != "1" {
			c.errf("test %q is not 0 or 1", v)
		}
	case json.Number:
		if v != "0" && v != "1" {
			c.errf("test %s is not 0 or 1", v)
		}
	case nil:
		c.errf("test is required (0 or 1)")
	default:
		c.errf("test is not 0 or 1")
	}

	var sumLines *big.Int = new(big.Int)
	products, ok := top["products_arr"].([]any)
	if !ok || len(products) == 0 {
		c.errf("products_arr must be a non-empty array")
	}
	for i, raw := range products {
		s, ok := c.product(i, raw)
		if ok {
			sumLines.Add(sumLines, s)
		}
	}

	var sumMoney = new(big.Int)
	op, ok := top["oplata_arr"].(map[string]any)
	if !ok {
		c.errf("oplata_arr must be an object")
		op = map[string]any{}
	}
	c.known("oplata_arr.", op, oplataFields)
	switch v := op["rezhim_nalog"].(type) {
	case string:
		if len(v) != 1 || v[0] < '0' || v[0] > '5' {
			c.errf("oplata_arr.rezhim_nalog %q is not 0..5", v)
		}
	case json.Number:
		if n, ok := c.intIn(v, 0, 5); !ok {
			c.errf("oplata_arr.rezhim_nalog %s is not 0..5", n)
		}
	default:
		c.errf("oplata_arr.rezhim_nalog is required (0..5)")
	}
	for _, f := range moneyFields {
		if n, ok := c.kopecks(op, "oplata_arr.", f); ok {
			sumMoney.Add(sumMoney, n)
		}
	}
	for _, f := range []string{"kassir_inn", "kassir_fio", "client_email", "client_phone"} {
		if _, ok := op[f]; ok {
			c.str(op, "oplata_arr.", f, false)
		}
	}
	if inn, _ := op["kassir_inn"].(string); inn != "" && (!allDigits(inn) || (len(inn) != 10 && len(inn) != 12)) {
		c.errf("oplata_arr.kassir_inn %q is not an INN of 10 or 12 digits", inn)
	}
	email, _ := op["client_email"].(string)
	phone, _ := op["client_phone"].(string)
	if email != "" && !emailShape(email) {
		c.errf("oplata_arr.client_email %q does not pass email validation", email)
	}
	if phone != "" && !allDigits(phone) {
		c.errf("oplata_arr.client_phone %q must have only digits (no plus)", phone)
	}
	if send == "email" && email == "" {
		c.errf("check_send_type email without oplata_arr.client_email")
	}
	if send == "phone" && phone == "" {
		c.errf("check_send_type phone without oplata_arr.client_phone")
	}

	it, ok := top["itog_arr"].(map[string]any)
	if !ok {
		c.errf("itog_arr must be an object")
		it = map[string]any{}
	}
	c.known("itog_arr.", it, itogFields)
	kind := ""
	if v, ok := it["priznak_rascheta"].(json.Number); !ok {
		c.errf("itog_arr.priznak_rascheta is required (1..4)")
	} else if n, ok := c.intIn(v, 1, 4); !ok {
		c.errf("itog_arr.priznak_rascheta %s is not 1..4", n)
	} else {
		kind = n
	}
	if total, ok := c.kopecks(it, "itog_arr.", "itog_cheka"); ok {
		if total.Cmp(sumLines) != 0 {
			c.errf("itog_arr.itog_cheka %s != sum of summa %s", total, sumLines)
		}
		if total.Cmp(sumMoney) != 0 {
			c.errf("itog_arr.itog_cheka %s != sum of money_* %s", total, sumMoney)
		}
	}
	if k, ok := top["korr_arr"]; ok {
		c.korr(k, kind)
	}
	sort.Strings(c.bad)
	return c.bad
}

func (c *checker) vending(top map[string]any) {
	limits := map[string]int{"check_vend_address": 256, "check_vend_mesto": 256, "check_vend_num_avtovat": 20}
	n := 0
	for f := range limits {
		if _, ok := top[f]; ok {
			n++
		}
	}
	if n == 0 {
		return
	}
	for _, f := range []string{"check_vend_address", "check_vend_mesto", "check_vend_num_avtovat"} {
		s := c.str(top, "", f, true)
		if l := utf8.RuneCountInString(s); l > limits[f] {
			c.errf("%s has %d characters, more than %d", f, l, limits[f])
		}
	}
}

// product checks one element and returns its summa.
func (c *checker) product(i int, raw any) (*big.Int, bool) {
	at := fmt.Sprintf("products_arr[%d].", i)
	p, ok := raw.(map[string]any)
	if !ok {
		c.errf("%s is not an object", strings.TrimSuffix(at, "."))
		return nil, false
	}
	c.known(at, p, productFields)
	name := c.str(p, at, "name_tovar", true)
	if l := utf8.RuneCountInString(name); l > 65 {
		c.errf("%sname_tovar has %d characters, more than 65", at, l)
	}
	price, okPrice := c.kopecks(p, at, "price_piece")
	summa, okSumma := c.kopecks(p, at, "summa")
	kolvo, okKolvo := c.quantity(p, at)
	if okPrice && okSumma && okKolvo {
		if want := roundHalfUp(new(big.Rat).Mul(kolvo, new(big.Rat).SetInt(price))); want.Cmp(summa) != 0 {
			c.errf("%ssumma %s != kolvo × price_piece = %s", at, summa, want)
		}
	}
	_, hasBefore := p["price_piece_bez_skidki"]
	_, hasSkidka := p["skidka"]
	var skidka *big.Int
	if hasBefore || hasSkidka {
		before, ok1 := c.kopecks(p, at, "price_piece_bez_skidki")
		sk, ok2 := c.kopecks(p, at, "skidka")
		skidka = sk
		if ok1 && ok2 && okKolvo && okSumma {
			want := roundHalfUp(new(big.Rat).Mul(kolvo, new(big.Rat).SetInt(before)))
			want.Sub(want, summa)
			if want.Cmp(sk) != 0 {
				c.errf("%sskidka %s != price_piece_bez_skidki × kolvo − summa = %s", at, sk, want)
			}
		}
	}
	maxVAT := 6
	if c.extended {
		maxVAT = 12
	}
	c.code(p, at, "stavka_nds", func(n int64) bool { return n >= 1 && n <= int64(maxVAT) })
	c.code(p, at, "priznak_sposoba_rascheta", func(n int64) bool { return n >= 1 && n <= 7 })
	c.code(p, at, "priznak_predmeta_rascheta", func(n int64) bool { return n >= 1 && n <= 13 && n != 7 })
	for _, f := range agentFields {
		if _, ok := p[f]; ok {
			c.str(p, at, f, false)
		}
	}
	agent, ok := p["priznak_agenta"].(string)
	switch {
	case !ok:
		c.errf("%spriznak_agenta is required: a string, \"none\" or \"0\"..\"6\"", at)
	case agent == "none":
	case agentNeeds[agent] == nil:
		c.errf("%spriznak_agenta %q is not none or 0..6", at, agent)
	default:
		for _, f := range agentNeeds[agent] {
			if s, _ := p[f].(string); strings.TrimSpace(s) == "" {
				c.errf("%s%s is required for priznak_agenta %s", at, f, agent)
			}
		}
	}
	if _, ok := p["code_tov_nomen"]; ok {
		c.str(p, at, "code_tov_nomen", true)
	}
	if d, ok := p["discount"]; ok {
		c.discount(at, d, skidka)
	} else if skidka != nil && skidka.Sign() > 0 {
		c.errf("%sdiscount is required with skidka %s", at, skidka)
	}
	if v, ok := p["deliveryposition"]; ok && v != "yes" {
		c.errf("%sdeliveryposition must be \"yes\"", at)
	}
	if _, ok := p["mera_kolva_predmeta_rasheta"]; ok {
		c.str(p, at, "mera_kolva_predmeta_rasheta", true)
	}
	return summa, okSumma
}

func (c *checker) discount(at string, raw any, skidka *big.Int) {
	d, ok := raw.(map[string]any)
	if !ok {
		c.errf("%sdiscount is not an object", at)
		return
	}
	c.known(at+"discount.", d, []string{"type", "value"})
	if d["type"] != "amount" {
		c.errf("%sdiscount.type must be \"amount\"", at)
	}
	v, ok := d["value"].(json.Number)
	if !ok {
		c.errf("%sdiscount.value must be a number", at)
		return
	}
	if len(v) > 32 || strings.ContainsAny(string(v), "eE") {
		c.errf("%sdiscount.value %s is not a number in rubles", at, v)
		return
	}
	r, ok := new(big.Rat).SetString(string(v))
	if !ok {
		c.errf("%sdiscount.value %s is not a number in rubles", at, v)
		return
	}
	k := new(big.Rat).Mul(r, big.NewRat(100, 1))
	if !k.IsInt() || k.Sign() < 0 {
		c.errf("%sdiscount.value %s is not rubles with at most 2 decimals", at, v)
		return
	}
	if skidka == nil {
		c.errf("%sdiscount without skidka", at)
	} else if k.Num().Cmp(skidka) != 0 {
		c.errf("%sdiscount.value %s is not skidka %s in rubles", at, v, skidka)
	}
}

func (c *checker) korr(raw any, kind string) {
	k, ok := raw.(map[string]any)
	if !ok {
		c.errf("korr_arr is not an object")
		return
	}
	if kind != "2" {
		c.errf("korr_arr only belongs to a refund (priznak_rascheta 2)")
	}
	c.known("korr_arr.", k, korrFields)
	c.str(k, "korr_arr.", "name_doc_korr", true)
	c.str(k, "korr_arr.", "num_doc_korr", true)
	switch v := k["date_doc_korr"].(type) {
	case string:
		if !allDigits(v) || v == "" {
			c.errf("korr_arr.date_doc_korr %q is not a unix time", v)
		}
	case json.Number:
		if _, ok := c.intIn(v, 1, 1<<40); !ok {
			c.errf("korr_arr.date_doc_korr %s is not a unix time", v)
		}
	default:
		c.errf("korr_arr.date_doc_korr is required (unix time)")
	}
}

// known reports members outside names.
func (c *checker) known(at string, o map[string]any, names []string) {
	for k := range o {
		found := false
		for _, n := range names {
			if k == n {
				found = true
				break
			}
		}
		if !found {
			c.errf("%s%s is not a documented field", at, k)
		}
	}
}

// str returns a string member; required means present and not blank.
func (c *checker) str(o map[string]any, at, f string, required bool) string {
	v, present := o[f]
	s, ok := v.(string)
	switch {
	case present && !ok:
		c.errf("%s%s must be a string", at, f)
	case required && strings.TrimSpace(s) == "":
		c.errf("%s%s is required", at, f)
	}
	return s
}

// kopecks returns a required non-negative JSON integer.
func (c *checker) kopecks(o map[string]any, at, f string) (*big.Int, bool) {
	v, ok := o[f].(json.Number)
	if !ok {
		c.errf("%s%s is required: an integer amount in kopecks", at, f)
		return nil, false
	}
	n, ok := new(big.Int).SetString(string(v), 10)
	if !ok || n.Sign() < 0 {
		c.errf("%s%s %s is not a non-negative integer in kopecks", at, f, v)
		return nil, false
	}
	return n, true
}

// quantity returns kolvo: a JSON number > 0 with at most 3 decimals.
func (c *checker) quantity(p map[string]any, at string) (*big.Rat, bool) {
	v, ok := p["kolvo"].(json.Number)
	if !ok {
		c.errf("%skolvo is required: a number", at)
		return nil, false
	}
	s := string(v)
	if strings.ContainsAny(s, "eE") {
		c.errf("%skolvo %s must be written without an exponent", at, s)
		return nil, false
	}
	if i := strings.IndexByte(s, '.'); i >= 0 && len(s)-i-1 > 3 {
		c.errf("%skolvo %s has more than 3 decimals", at, s)
		return nil, false
	}
	r, ok := new(big.Rat).SetString(s)
	if !ok || r.Sign() <= 0 {
		c.errf("%skolvo %s must be greater than zero", at, s)
		return nil, false
	}
	return r, true
}

// code checks a required integer enumeration member.
func (c *checker) code(p map[string]any, at, f string, valid func(int64) bool) {
	v, ok := p[f].(json.Number)
	if !ok {
		c.errf("%s%s is required: an integer code", at, f)
		return
	}
	n, err := v.Int64()
	if err != nil || strings.ContainsAny(string(v), ".eE") || !valid(n) {
		c.errf("%s%s %s is not a documented code", at, f, v)
	}
}

// intIn parses an integer JSON number within [lo, hi].
func (c *checker) intIn(v json.Number, lo, hi int64) (string, bool) {
	n, err := v.Int64()
	if err != nil || strings.ContainsAny(string(v), ".eE") || n < lo || n > hi {
		return string(v), false
	}
	return string(v), true
}

// roundHalfUp rounds a non-negative rational to the nearest integer, halves up.
func roundHalfUp(r *big.Rat) *big.Int {
	num := new(big.Int).Mul(r.Num(), big.NewInt(2))
	num.Add(num, r.Denom())
	den := new(big.Int).Mul(r.Denom(), big.NewInt(2))
	return num.Quo(num, den)
}

func allDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// emailShape is a plain address check: local@domain.tld, no spaces.
func emailShape(s string) bool {
	at := strings.IndexByte(s, '@')
	if at < 1 || at != strings.LastIndexByte(s, '@') || strings.ContainsAny(s, " \t\r\n<>\"(),;:") {
		return false
	}
	domain := s[at+1:]
	dot := strings.LastIndexByte(domain, '.')
	return dot > 0 && dot < len(domain)-1 && !strings.Contains(domain, "..")
}
