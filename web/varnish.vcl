vcl 4.1;
# Varnish in front of Khabar ({{.Site}}), made by `khabar varnish-config`.
# Varnish 7 with varnish-modules (vmods xkey and var) and vmod accept.
#
# Khabar names the topics of every public page in its {{.KeyHeader}} header and,
# after every change, sends a PURGE with the keys the change touched (run
# khabar serve with --purge http://THIS-VARNISH/). So pages are kept for long
# (until the site's midnight) and still never served older than the last
# change; the newsroom and the Admin API pass through.

import std;
import directors;
import xkey;
import var;
import accept;
{{range .Backends}}
backend {{.Name}} {
    .host = "{{.Host}}";
    .port = "{{.Port}}";
    .connect_timeout = 2s;
    .first_byte_timeout = 30s;
    .between_bytes_timeout = 10s;
    # Khabar is down when /readyz fails twice in three: Varnish then
    # serves the copies it has, purged or not (stale-if-error).
    .probe = {
        .url = "/readyz";
        .interval = 1s;
        .timeout = 1s;
        .window = 3;
        .threshold = 2;
        .initial = 2;
    }
}
{{end}}
# Who may purge: the Khabar nodes.
acl purgers {
{{- range .Purgers}}
    {{.}};
{{- end}}
}

sub vcl_init {
    new khabar = directors.round_robin();
{{- range .Backends}}
    khabar.add_backend({{.Name}});
{{- end}}
    # "/" goes to the front page in the reader's language.
    new languages = accept.rule("{{.DefaultLang}}");
{{- range .Langs}}
    languages.add("{{.}}");
{{- end}}
}

sub vcl_recv {
    set req.backend_hint = khabar.backend();
    if (req.restarts == 0) {
        unset req.http.X-Khabar-Refetch;
    } elsif (req.http.X-Khabar-Refetch) {
        set req.hash_always_miss = true;
    }
    set req.http.X-Khabar-Site = std.tolower(regsub(req.http.Host, ":[0-9]+$", ""));

    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        # The newest change purged: a page rendered before it and still on
        # its way here is delivered but not kept (vcl_backend_response).
        if (std.integer(req.http.X-Khabar-Generation, 0) > std.integer(var.global_get(req.http.X-Khabar-Site), 0)) {
            var.global_set(req.http.X-Khabar-Site, req.http.X-Khabar-Generation);
        }
        set req.http.X-Purged = xkey.softpurge(req.http.xkey);
        return (synth(200, "Purged " + req.http.X-Purged));
    }
    # Writes, the newsroom, the Admin API and health checks pass through.
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.url ~ "^/(admin|api/v1/admin)([/?]|$)" || req.url ~ "^/(healthz|readyz)([/?]|$)") {
        return (pass);
    }
    if (req.url ~ "^/([?]|$)") {
        return (synth(302, "/" + languages.filter(regsuball(req.http.Accept-Language, "-[A-Za-z0-9]+", "")) + "/"));
    }
    # Tracking parameters make no other page: one copy for every link.
    if (req.url ~ "[?]") {
        set req.url = regsuball(req.url, "(?i)([?&])(utm_[a-z0-9_]+|fbclid|gclid|dclid|gbraid|wbraid|msclkid|yclid|mc_cid|mc_eid|_ga|_gl)=[^&]*", "\1");
        set req.url = regsuball(req.url, "&&+", "&");
        set req.url = regsub(req.url, "[?]&", "?");
        set req.url = regsub(req.url, "[?&]$", "");
        set req.url = std.querysort(req.url);
    }
    # Public pages are the same for everyone: an editor's session cookie
    # does not make them private.
    unset req.http.Cookie;
    unset req.http.Authorization;
    # While Khabar answers, a purged copy is never served; when it does
    # not, copies are served for up to a day.
    if (std.healthy(req.backend_hint)) {
        set req.grace = 0s;
    }
    return (hash);
}

sub vcl_synth {
    if (resp.status == 302) {
        set resp.http.Location = resp.reason;
        set resp.reason = "Found";
        set resp.http.Vary = "Accept-Language";
        set resp.http.Cache-Control = "private, max-age=0";
        set resp.body = "";
        return (deliver);
    }
}

sub vcl_backend_response {
    # Khabar names the keys of what shared caches may keep; the rest is
    # kept only when it says so (fonts, styles and images, immutable).
    if (beresp.status == 200 && beresp.http.{{.KeyHeader}}) {
{{- if ne .KeyHeader "xkey"}}
        set beresp.http.xkey = beresp.http.{{.KeyHeader}};
{{- end}}
        if (std.integer(beresp.http.X-Khabar-Generation, 0) < std.integer(var.global_get(bereq.http.X-Khabar-Site), 0)) {
            # Rendered before a change whose purge is already here.
            set beresp.uncacheable = true;
            set beresp.ttl = 0s;
            return (deliver);
        }
        set beresp.http.X-Khabar-URL = bereq.url;
        set beresp.http.X-Khabar-Site = bereq.http.X-Khabar-Site;
        set beresp.ttl = std.duration(regsub(beresp.http.Surrogate-Control, "^.*max-age=([0-9]+).*$", "\1") + "s", 0s);
        set beresp.grace = 24h;
        return (deliver);
    }
    if (beresp.status == 200 && bereq.url ~ "^/(static|media)/" && beresp.http.Cache-Control ~ "immutable") {
        return (deliver);
    }
    set beresp.uncacheable = true;
    set beresp.ttl = 60s;
    return (deliver);
}

sub vcl_deliver {
    # A purge can come while a copy rendered before it is being stored,
    # and miss it. So a copy stored a moment ago that is older than the
    # newest purge is dropped and fetched again, before anyone gets it.
    if (obj.age < 1s && req.restarts < 2 && resp.http.X-Khabar-Generation &&
            std.integer(resp.http.X-Khabar-Generation, 0) < std.integer(var.global_get(req.http.X-Khabar-Site), 0)) {
        std.ban("obj.http.X-Khabar-URL == " + resp.http.X-Khabar-URL + " && obj.http.X-Khabar-Generation == " +
            resp.http.X-Khabar-Generation + " && obj.http.X-Khabar-Site == " + req.http.X-Khabar-Site);
        set req.http.X-Khabar-Refetch = "1";
        return (restart);
    }
    unset resp.http.xkey;
{{- if ne .KeyHeader "xkey"}}
    unset resp.http.{{.KeyHeader}};
{{- end}}
    unset resp.http.Surrogate-Control;
    unset resp.http.X-Khabar-Generation;
    unset resp.http.X-Khabar-URL;
    unset resp.http.X-Khabar-Site;
    unset resp.http.Via;
    unset resp.http.X-Varnish;
    if (obj.hits > 0) {
        set resp.http.X-Cache = "hit";
    } else {
        set resp.http.X-Cache = "miss";
    }
}
