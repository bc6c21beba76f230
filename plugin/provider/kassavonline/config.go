package kassavonline

import (
	"net/url"
	"strings"

	"github.com/kopeck/kopeck/internal/jsonin"
	"github.com/kopeck/kopeck/plugin/provider"
	"github.com/kopeck/kopeck/plugin/receipt"
)

// DefaultURL is the provider's address for clients on the web tariffs; the
// API methods are DefaultURL + "/api/" + method.
const DefaultURL = "https://kassa-v-online.ru"

// Marking policies (settings.kassavonline.marking).
const (
	MarkingError = "error" // default: a line with a marking code is an error
	MarkingWarn  = "warn"  // send the line without the code, with a warning
)

// config is the settings.kassavonline section:
//
//	{"user":"…","key":"…","kkm_serial_number":"…","kkm_connection_key":"…",
//	 "url":"https://kassa-v-online.ru","marking":"error"}
type config struct {
	User, Key       string
	Serial, ConnKey string
	BaseURL         string
	URLOverridden   bool
	Marking         string
	Path            string
}

// readConfig reads the section; receipts need the cash register (serial and
// connection key), status and info only the account (user and key).
func readConfig(o provider.Options, needKKM bool, p *receipt.Problems) config {
	path := o.ConfigPath
	if path == "" {
		path = "settings.kassavonline"
	}
	c := config{BaseURL: DefaultURL, Marking: MarkingError, Path: path}
	raw := []byte(o.Config)
	if len(raw) == 0 {
		raw = []byte("{}")
	}
	obj, _ := jsonin.Parse(raw, path, p)
	obj.IsObject() // records wrong_type for a non-object; its members then read as missing
	obj.Known("user", "key", "kkm_serial_number", "kkm_connection_key", "url", "marking")
	c.User = obj.Str("user", true)
	c.Key = obj.Str("key", true)
	if needKKM {
		c.Serial = obj.Str("kkm_serial_number", true)
		c.ConnKey = obj.Str("kkm_connection_key", true)
	}
	if u := strings.TrimSpace(obj.Str("url", false)); u != "" {
		pu, err := url.Parse(u)
		if err != nil || (pu.Scheme != "http" && pu.Scheme != "https") || pu.Host == "" || pu.RawQuery != "" || pu.Fragment != "" {
			// The value is not echoed: a URL may carry user:password.
			p.Errorf(CodeInvalidURL, path+".url")
		} else {
			c.BaseURL = strings.TrimRight(u, "/")
			c.URLOverridden = c.BaseURL != DefaultURL
		}
	}
	if m := jsonin.Enum(obj, "marking", []string{MarkingError, MarkingWarn}); m != "" {
		c.Marking = m
	}
	return c
}

// guardTest refuses a request that would print a real document while the
// caller is in test mode: Kassa-v-online has no sandbox.
func (c config) guardTest(o provider.Options, p *receipt.Problems) {
	if o.Test && !c.URLOverridden {
		p.Errorf(CodeNoTestMode, "settings.test")
	}
}

// endpoint is the full URL of an API method ("print", "status", "info").
func (c config) endpoint(method string) string { return c.BaseURL + "/api/" + method }

// clip cuts s to n runes for messages.
func clip(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}
