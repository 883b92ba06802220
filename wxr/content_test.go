package wxr

import (
	"strings"
	"testing"
)

func TestAutop(t *testing.T) {
	for _, tt := range []struct{ name, in, want string }{
		{"paragraphs", "One.\n\nTwo.", "<p>One.</p>\n<p>Two.</p>"},
		{"line break", "One\ntwo.", "<p>One<br />\ntwo.</p>"},
		{"blocks stay outside", "Intro.\n<h2>Head</h2>\nMore.", "<p>Intro.</p>\n<h2>Head</h2>\n<p>More.</p>"},
		{"list", "<ul>\n\t<li>A</li>\n\t<li>B</li>\n</ul>", "<ul>\n<li>A</li>\n<li>B</li>\n</ul>"},
		{"blockquote", "<blockquote>Said.</blockquote>", "<blockquote><p>Said.</p></blockquote>"},
		{"pre kept", "<pre>a\n\nb</pre>", "<pre>a\n\nb</pre>"},
		{"crlf", "One.\r\n\r\nTwo.", "<p>One.</p>\n<p>Two.</p>"},
		{"double br", "One<br><br>Two", "<p>One</p>\n<p>Two</p>"},
		{"newline in tag", "<a\nhref=\"x\">link</a> text", "<p><a\nhref=\"x\">link</a> text</p>"},
		{"empty", "  \n ", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := Autop(tt.in); got != tt.want {
				t.Errorf("Autop(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestShortcodes(t *testing.T) {
	atts := func(id string) (Attachment, bool) {
		if id == "8" {
			return Attachment{URL: "https://x.example/a.jpg", Caption: "A & B", Alt: "alt"}, true
		}
		return Attachment{}, false
	}
	opts := ContentOptions{Attachment: atts}
	for _, tt := range []struct{ name, in, want string }{
		{"caption", `[caption id="attachment_9" align="alignnone" width="300"]<img src="a.jpg" alt="" width="300" /> The caption[/caption]`,
			`<figure><img src="a.jpg" alt="" width="300" /><figcaption>The caption</figcaption></figure>`},
		{"caption with link", `[caption id="x"]<a href="big.jpg"><img src="a.jpg" /></a> Кремль[/caption]`,
			`<figure><a href="big.jpg"><img src="a.jpg" /></a><figcaption>Кремль</figcaption></figure>`},
		{"old caption attribute", `[caption id="x" caption="Old &amp; gold"]<img src="a.jpg" />[/caption]`,
			`<figure><img src="a.jpg" /><figcaption>Old &amp; gold</figcaption></figure>`},
		{"gallery", `[gallery ids="8,404"]`, `<figure><img src="https://x.example/a.jpg" alt="alt"><figcaption>A &amp; B</figcaption></figure>` + "\n\n"},
		{"embed", `[embed]https://v.example/1[/embed]`, `<p><a href="https://v.example/1">https://v.example/1</a></p>`},
		{"video", `[video src="https://v.example/1.mp4"][/video]`, `<p><a href="https://v.example/1.mp4">https://v.example/1.mp4</a></p>`},
		{"escaped", `[[caption]]`, `[caption]`},
		{"text in brackets", `An [Update] and [1] and [Note: x]`, `An [Update] and [1] and [Note: x]`},
		{"layout", `[vc_row][vc_column]Text[/vc_column][/vc_row]`, `Text`},
		{"unclosed", `[caption]text`, `text`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := Shortcodes(tt.in, opts); got != tt.want {
				t.Errorf("Shortcodes(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestHTMLBlocks(t *testing.T) {
	in := "<!-- wp:paragraph -->\n<p>نص <strong>عربي</strong></p>\n<!-- /wp:paragraph -->\n\n" +
		"<!-- wp:image {\"id\":91,\"sizeSlug\":\"large\"} -->\n<figure class=\"wp-block-image\"><img src=\"a.png\" alt=\"\" class=\"wp-image-91\"/></figure>\n<!-- /wp:image -->\n\n" +
		"<!-- wp:latest-posts /-->\nClassic text\n\nbetween blocks"
	got := HTML(in, ContentOptions{})
	if strings.Contains(got, "wp:") || strings.Contains(got, "<!--") {
		t.Fatalf("block comments left: %q", got)
	}
	for _, want := range []string{"<p>نص <strong>عربي</strong></p>", `<img src="a.png" alt="" class="wp-image-91"/>`, "<p>Classic text</p>\n<p>between blocks</p>"} {
		if !strings.Contains(got, want) {
			t.Errorf("HTML() = %q, missing %q", got, want)
		}
	}
	// Inside blocks no paragraphs are made: the editor wrote them.
	if strings.Contains(got, "<p><figure") || strings.Contains(got, "<p><!--") {
		t.Fatalf("paragraphs around blocks: %q", got)
	}
	classic := HTML("First.\n\n<!--more-->\n\nSecond.", ContentOptions{})
	if classic != "<p>First.</p>\n<p>Second.</p>" {
		t.Fatalf("classic = %q", classic)
	}
}

func TestUnserialize(t *testing.T) {
	m, err := StringMap(`a:3:{s:2:"en";i:101;s:2:"ru";i:102;s:2:"ar";s:3:"103";}`)
	if err != nil || m["en"] != "101" || m["ar"] != "103" || len(m) != 3 {
		t.Fatalf("StringMap = %v, %v", m, err)
	}
	v, err := Unserialize(`a:2:{i:0;d:1.5;i:1;a:1:{s:1:"k";b:1;}}`)
	if err != nil || v.(map[string]any)["0"] != 1.5 || v.(map[string]any)["1"].(map[string]any)["k"] != true {
		t.Fatalf("nested = %v, %v", v, err)
	}
	// PHP counts bytes, not characters.
	if v, err := Unserialize(`s:10:"قازان";`); err != nil || v != "قازان" {
		t.Fatalf("Arabic string = %v, %v", v, err)
	}
	for _, bad := range []string{``, `s:5:"abc";`, `a:1:{s:1:"k";}`, `O:8:"stdClass":0:{}`, `i:x;`, `a:2:{i:0;i:1;}`, `N;x`,
		strings.Repeat("a:1:{i:0;", 40) + "N;" + strings.Repeat("}", 40)} {
		if _, err := Unserialize(bad); err == nil {
			t.Errorf("Unserialize(%.40q) accepted", bad)
		}
	}
}

func FuzzUnserialize(f *testing.F) {
	f.Add(`a:3:{s:2:"en";i:101;s:2:"ru";i:102;s:2:"ar";i:103;}`)
	f.Add(`s:3:"abc";`)
	f.Fuzz(func(t *testing.T, s string) { Unserialize(s) })
}

func FuzzHTML(f *testing.F) {
	f.Add("Text\n\n[caption]<img src=x> c[/caption]\n<!-- wp:paragraph --><p>x</p><!-- /wp:paragraph -->")
	f.Fuzz(func(t *testing.T, s string) { HTML(s, ContentOptions{}) })
}
