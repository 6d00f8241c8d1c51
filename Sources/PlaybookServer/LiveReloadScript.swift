/// The script served at `/__playbook/live.js` and linked into HTML only while serving: it reloads the
/// page after a good rebuild and shows the errors of a failed one over the page. When the server writes
/// ticks, its tag carries the server's token and the script sends each tick to `/__playbook/ticks`.
enum LiveReloadScript {
    static let path = "/__playbook/live.js"
    static let eventsPath = "/__playbook/events"

    /// The script tag; `token` is hex, safe in an attribute.
    static func tag(token: String?) -> String {
        "<script src=\"\(path)\"\(token.map { " data-playbook-token=\"\($0)\"" } ?? "")></script>"
    }

    /// Puts the script tag before `</body>` (or at the end).
    static func inject(into html: String, token: String? = nil) -> String {
        let tag = tag(token: token)
        guard let range = html.range(of: "</body>", options: .backwards) else { return html + tag }
        return html.replacingCharacters(in: range, with: tag + "</body>")
    }

    static let source = #"""
        (function () {
          "use strict";
          var overlay = null;
          function showErrors(errors) {
            if (!overlay) {
              overlay = document.createElement("div");
              overlay.id = "playbook-error-overlay";
              overlay.setAttribute("role", "alertdialog");
              overlay.setAttribute("aria-label", "Build errors");
              overlay.style.cssText = "position:fixed;inset:0;z-index:2147483647;background:rgba(20,20,20,.92);color:#fff;" +
                "font:14px/1.5 ui-monospace,monospace;padding:2rem;overflow:auto;white-space:pre-wrap";
              document.body.appendChild(overlay);
            }
            overlay.textContent = "Playbook: the last build failed; this page shows the last good build.\n\n" + errors.join("\n");
          }
          function connect() {
            var source = new EventSource("/__playbook/events");
            source.addEventListener("reload", function () { window.location.reload(); });
            source.addEventListener("errors", function (event) {
              try { showErrors(JSON.parse(event.data)); } catch (error) { showErrors([String(event.data)]); }
            });
            source.onerror = function () { source.close(); window.setTimeout(connect, 1000); };
          }
          connect();

          // Ticks: each change of a checklist box is written into the page's Markdown by the server.
          // The tick stays in this browser's storage until the server says it is in the file.
          var script = document.currentScript;
          var token = script && script.getAttribute("data-playbook-token");
          var notice = null;
          function say(text) {
            if (!notice) {
              notice = document.createElement("div");
              notice.id = "playbook-tick-status";
              notice.setAttribute("role", "status");
              notice.style.cssText = "position:fixed;right:1rem;bottom:1rem;z-index:2147483646;max-width:30rem;background:#1d1d1f;" +
                "color:#fff;font:14px/1.4 system-ui,sans-serif;padding:.6rem .9rem;border-radius:.4rem";
              document.body.appendChild(notice);
            }
            notice.textContent = text;
          }
          function forget(key) { try { window.localStorage.removeItem(key); } catch (error) {} }
          if (token) {
            document.addEventListener("change", function (event) {
              var box = event.target;
              if (!box || !box.matches || !box.matches("input[type=checkbox][data-pb-item]")) { return; }
              var list = box.closest("[data-pb-page]");
              if (!list) { return; }
              var page = list.getAttribute("data-pb-page"), item = box.getAttribute("data-pb-item");
              var key = "playbook:" + page + ":" + item;
              fetch("/__playbook/ticks", {
                method: "POST", credentials: "same-origin",
                headers: { "Content-Type": "application/json", "X-Playbook-Token": token },
                body: JSON.stringify({ page: page, item: item, done: box.checked })
              }).then(function (response) {
                return response.json().then(function (body) { return { status: response.status, body: body }; });
              }).then(function (result) {
                if (result.status === 200) {
                  forget(key);
                  say((box.checked ? "Ticked" : "Unticked") + " in " + result.body.file + ".");
                } else if (result.status === 409) {
                  forget(key);
                  say(result.body.message + " Reloading…");
                  window.setTimeout(function () { window.location.reload(); }, 1500);
                } else {
                  say("Not written: " + result.body.message + " The tick is kept in this browser only.");
                }
              }, function () {
                say("playbook serve did not answer; the tick is kept in this browser only.");
              });
            });
          }
        })();
        """#
}
