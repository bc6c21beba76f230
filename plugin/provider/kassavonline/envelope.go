package kassavonline

import (
	"net/url"

	"github.com/kopeck/kopeck/plugin/provider"
)

// ContentType is the body encoding of every request. The document says only
// "POST with three parameters"; its PHP example posts an array through
// CURLOPT_POSTFIELDS (which curl sends as multipart/form-data). A PHP
// server reads both encodings into $_POST; kopeck sends the simpler
// application/x-www-form-urlencoded.
const ContentType = "application/x-www-form-urlencoded"

// envelope wraps a params JSON text into the POST request of an API method:
// form fields params (the JSON text), user and key, url.Values-encoded (keys
// sorted: key, params, user), so the same input gives the same bytes.
func (c config) envelope(method string, params []byte) provider.Request {
	form := url.Values{}
	form.Set("params", string(params))
	form.Set("user", c.User)
	form.Set("key", c.Key)
	return provider.Request{
		Method: "POST",
		URL:    c.endpoint(method),
		Headers: map[string]string{
			"Content-Type": ContentType,
			"Accept":       "application/json",
		},
		Body: form.Encode(),
	}
}
