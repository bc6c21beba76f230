package wordpress

import (
	"strconv"
	"strings"

	"github.com/kopeck/kopeck/internal/jsonin"
	"github.com/kopeck/kopeck/plugin/receipt"
	"github.com/tidwall/gjson"
)

// refundedItem is the meta key by which WooCommerce links a refund line to
// the order line it refunds.
const refundedItem = "_refunded_item_id"

// refund fills a sale_refund from one refund document r of the order.
func (m *mapper) refund(out *receipt.Order, r jsonin.Obj) {
	out.PaidPath, out.PaymentsPath = r.Path+".amount", m.order.Path+".payment_method"
	m.currency(r)
	number := out.ID
	out.Reference = m.reference(number)
	out.ID = number + "-refund"
	if rid := idText(r.Child("id")); rid != "" {
		out.ID += "-" + rid
	}
	named := false
	for _, arr := range []string{"line_items", "shipping_lines", "fee_lines"} {
		if len(r.Child(arr).R.Array()) > 0 {
			named = true
		}
	}
	items, discounts := m.lines(r, true, m.index())
	amount, ok := m.paid(r, "amount")
	if !named && ok {
		if amount == 0 {
			m.p.Errorf(CodeRefundEmpty, r.Path)
			return
		}
		items = m.spread(amount, r)
	} else if named && len(items) == 0 {
		m.p.Errorf(receipt.CodeNoItems, r.Path+".line_items")
	}
	out.Items, out.Discounts = items, discounts
	if !ok {
		return
	}
	out.Paid = &amount
	if amount > 0 && m.pay != receipt.Electronic {
		out.Payments = []receipt.Payment{{Type: m.pay, Amount: amount, Path: m.order.Path + ".payment_method"}}
	}
}

// spread builds the lines of an amount-only refund: the order's lines, each
// reduced in proportion (receipt.Spread of the order's lines minus the
// amount) so that they add up to the amount exactly, and priced at what they
// return (unitPrice of the reduced total); lines left with nothing are
// dropped.
func (m *mapper) spread(amount receipt.Money, r jsonin.Obj) []receipt.Item {
	items, _ := m.lines(m.order, false, nil)
	weights := make([]receipt.Money, len(items))
	var total receipt.Money
	for i, it := range items {
		a := receipt.Amount(it.Price, it.Quantity)
		if it.Total != nil {
			a = *it.Total
		}
		if a > receipt.MaxMoney || total+a > receipt.MaxMoney {
			m.p.Errorf(receipt.CodeAmountTooLarge, it.Path, "value", a.String())
			return nil
		}
		weights[i] = a
		total += a
	}
	if amount > total {
		m.p.Errorf(CodeRefundTooLarge, r.Path+".amount", "amount", amount.String(), "total", total.String())
		return nil
	}
	m.p.Warnf(CodeRefundSpread, r.Path+".amount", "amount", amount.String())
	shares := receipt.Spread(total-amount, weights)
	var out []receipt.Item
	for i, it := range items {
		t := weights[i] - shares[i]
		if t == 0 {
			continue
		}
		// The line returns t: priced at what it returns, so the refund
		// receipt shows no discount.
		it.Price, it.Total = unitPrice(t, it.Quantity, t), &t
		out = append(out, it)
	}
	return out
}

// index returns the order's line_items, shipping_lines and fee_lines by id.
func (m *mapper) index() map[string]jsonin.Obj {
	idx := map[string]jsonin.Obj{}
	for _, arr := range []string{"line_items", "shipping_lines", "fee_lines"} {
		c := m.order.Child(arr)
		if !c.R.IsArray() {
			continue
		}
		for i, v := range c.R.Array() {
			li := jsonin.Obj{R: v, Path: c.Path + "[" + strconv.Itoa(i) + "]", P: m.p}
			if id := idText(li.Child("id")); id != "" && v.IsObject() {
				if _, dup := idx[id]; !dup {
					idx[id] = li
				}
			}
		}
	}
	return idx
}

// original returns the order line a refund line refunds (by its
// _refunded_item_id meta), or a missing Obj.
func (m *mapper) original(li jsonin.Obj, idx map[string]jsonin.Obj) jsonin.Obj {
	if idx == nil || !li.R.IsObject() {
		return jsonin.Obj{}
	}
	meta := li.Child("meta_data")
	if !meta.R.IsArray() {
		return jsonin.Obj{}
	}
	var found jsonin.Obj
	i := -1
	meta.R.ForEach(func(_, v gjson.Result) bool {
		i++
		e := jsonin.Obj{R: v, Path: meta.Path + "[" + strconv.Itoa(i) + "]", P: m.p}
		if !v.IsObject() || strings.TrimSpace(e.Child("key").R.String()) != refundedItem {
			return true
		}
		val := e.Child("value")
		id := idText(val)
		if o, ok := idx[id]; ok {
			found = o
		} else {
			m.p.Warnf(CodeRefundItemUnknown, val.Path, "id", quote(id))
		}
		return false
	})
	return found
}
