package bottest_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/khabarnews/khabar/telegram/bottest"
)

// post calls a method with a URL-encoded form and decodes the answer.
func post(t *testing.T, s *bottest.Server, token, method string, form url.Values) (int, map[string]any) {
	t.Helper()
	res, err := http.PostForm(s.URL+"/bot"+token+"/"+method, form)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var out map[string]any
	if err := json.NewDecoder(res.Body).Decode(&out); err != nil {
		t.Fatal(err)
	}
	return res.StatusCode, out
}

// TestAnswersAsTheBotAPI: the envelopes, codes and descriptions of the Bot
// API's documentation, for success and for the errors the poster meets.
func TestAnswersAsTheBotAPI(t *testing.T) {
	s := bottest.Start(t)
	id := s.Channel("news_ar")
	code, out := post(t, s, "wrong", "sendMessage", url.Values{"chat_id": {"@news_ar"}, "text": {"x"}})
	if code != 401 || out["ok"] != false || out["error_code"] != 401.0 || out["description"] != "Unauthorized" {
		t.Errorf("wrong token: %d %v", code, out)
	}
	code, out = post(t, s, s.Token, "sendMessage", url.Values{"chat_id": {"@news_ar"}, "text": {"<b>خبر</b>"}, "parse_mode": {"HTML"}})
	result, _ := out["result"].(map[string]any)
	chat, _ := result["chat"].(map[string]any)
	if code != 200 || out["ok"] != true || result["message_id"] != 1.0 || result["text"] != "خبر" || chat["id"] != float64(id) || chat["type"] != "channel" {
		t.Fatalf("sendMessage: %d %v", code, out)
	}
	code, out = post(t, s, s.Token, "editMessageText", url.Values{"chat_id": {"@news_ar"}, "message_id": {"1"}, "text": {"<b>خبر</b>"}})
	if code != 400 || !strings.HasPrefix(out["description"].(string), "Bad Request: message is not modified") {
		t.Errorf("an edit that changes nothing: %d %v", code, out)
	}
	s.Limit("deleteMessage", 7)
	code, out = post(t, s, s.Token, "deleteMessage", url.Values{"chat_id": {"@news_ar"}, "message_id": {"1"}})
	params, _ := out["parameters"].(map[string]any)
	if code != 429 || out["description"] != "Too Many Requests: retry after 7" || params["retry_after"] != 7.0 {
		t.Errorf("flood control: %d %v", code, out)
	}
	code, out = post(t, s, s.Token, "deleteMessage", url.Values{"chat_id": {"@news_ar"}, "message_id": {"1"}})
	if code != 200 || out["result"] != true {
		t.Errorf("deleteMessage: %d %v", code, out)
	}
	code, out = post(t, s, s.Token, "deleteMessage", url.Values{"chat_id": {"@news_ar"}, "message_id": {"1"}})
	if code != 400 || out["description"] != "Bad Request: message to delete not found" {
		t.Errorf("deleting twice: %d %v", code, out)
	}
	code, out = post(t, s, s.Token, "sendMessage", url.Values{"chat_id": {"@elsewhere"}, "text": {"x"}})
	if code != 400 || out["description"] != "Bad Request: chat not found" {
		t.Errorf("an unknown chat: %d %v", code, out)
	}
	code, _ = post(t, s, s.Token, "sendPhoto", url.Values{"chat_id": {"@news_ar"}, "photo": {"not an image"}})
	if code != 400 {
		t.Errorf("a photo that is not an image: %d", code)
	}
}
