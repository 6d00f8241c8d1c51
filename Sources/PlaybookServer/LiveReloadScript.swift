/// The script served at `/__playbook/live.js` and linked into HTML only while serving: it reloads the
/// page after a good rebuild and shows the errors of a failed one over the page.
enum LiveReloadScript {
    static let path = "/__playbook/live.js"
    static let eventsPath = "/__playbook/events"
    static let tag = "<script src=\"\(path)\"></script>"

    /// Puts the script tag before `</body>` (or at the end).
    static func inject(into html: String) -> String {
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
        })();
        """#
}
