package itkassa

import (
	"net/url"
	"strings"

	"github.com/kopeck/kopeck/internal/jsonin"
	"github.com/kopeck/kopeck/plugin/provider"
	"github.com/kopeck/kopeck/plugin/receipt"
	"github.com/shopspring/decimal"
)

// DefaultURL is ITKassa's API address ({API_PATH} of the document).
const DefaultURL = "https://qapi.itkassa.ru/open/api/v1"

// ContentType is the Content-Type the document requires on every request.
const ContentType = "application/json;charset=UTF-8"

// Config is the settings section "itkassa":
//
//	{"url": "https://qapi.itkassa.ru/open/api/v1",  // optional override
//	 "api_key": "…",              // X-API-Key of every request (secret)
//	 "cre_item_id": "…",          // the cashbox GUID (creItemId)
//	 "callback_api_key": "…"}     // the X-API-Key ITKassa sends with callbacks (secret)
type Config struct {
	URL         string
	URLGiven    bool // the section overrides the URL
	APIKey      string
	CreItemID   string
	CallbackKey string
	Path        string // the section's JSON path, e.g. "settings.itkassa"
}

// readConfig reads the provider section. Only the shape is checked here;
// need records "required" for the fields a call cannot do without.
func readConfig(o provider.Options, p *receipt.Problems) Config {
	c := Config{URL: DefaultURL, Path: o.ConfigPath}
	if c.Path == "" {
		c.Path = "settings.itkassa"
	}
	raw := o.Config
	if len(raw) == 0 {
		raw = []byte("{}")
	}
	obj, ok := jsonin.Parse(raw, c.Path, p)
	if !ok || !obj.IsObject() {
		return c
	}
	obj.Known("url", "api_key", "cre_item_id", "callback_api_key")
	if u := strings.TrimSpace(obj.Str("url", false)); u != "" {
		if !absoluteHTTP(u) {
			p.Errorf(CodeInvalidURL, c.Path+".url") // no value: a URL may carry user:password
		} else {
			c.URL = strings.TrimRight(u, "/")
			c.URLGiven = true
		}
	}
	c.APIKey = strings.TrimSpace(obj.Str("api_key", false))
	c.CreItemID = strings.TrimSpace(obj.Str("cre_item_id", false))
	if c.CreItemID != "" && !IsGUID(c.CreItemID) {
		p.Errorf(CodeInvalidUUID, c.Path+".cre_item_id", "value", quote(c.CreItemID))
	}
	c.CallbackKey = obj.Str("callback_api_key", false)
	return c
}

// need records a "required" error for every named field that is empty:
// "api_key", "cre_item_id", "callback_api_key". Values never appear in the
// message.
func (c Config) need(p *receipt.Problems, fields ...string) {
	for _, f := range fields {
		var v string
		switch f {
		case "api_key":
			v = c.APIKey
		case "cre_item_id":
			v = c.CreItemID
		case "callback_api_key":
			v = c.CallbackKey
		}
		if v == "" {
			p.Errorf(receipt.CodeRequired, c.Path+"."+f, "field", f)
		}
	}
}

// headers are the headers of every request: the document requires both on
// each one, GET included.
func (c Config) headers() map[string]string {
	return map[string]string{
		"Content-Type": ContentType,
		"Accept":       "application/json",
		"X-API-Key":    c.APIKey,
	}
}

// guardTest refuses a printing request in test mode when it would go to
// ITKassa's production address: ITKassa has no test endpoint, and a test
// call must never print a real receipt.
func (c Config) guardTest(o provider.Options, p *receipt.Problems) {
	if o.Test && !c.URLGiven {
		p.Errorf(CodeNoTestEndpoint, "settings.test")
	}
}

func absoluteHTTP(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != "" &&
		!strings.ContainsAny(s, " \t\r\n")
}

// IsGUID reports whether s has the GUID shape 8-4-4-4-12 of hex digits. The
// document's cashbox ids (89189775-e4fc-70d0-5e2c-182e4121308e) are not RFC
// 4122 UUIDs, so neither version nor variant is checked.
func IsGUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i := 0; i < 36; i++ {
		c := s[i]
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return false
			}
		default:
			if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
				return false
			}
		}
	}
	return true
}

// quote keeps values in messages short and quoted.
func quote(s string) string {
	r := []rune(s)
	if len(r) > 64 {
		s = string(r[:64]) + "…"
	}
	return `"` + s + `"`
}

func decimalInt(i int) decimal.Decimal { return decimal.NewFromInt(int64(i)) }
