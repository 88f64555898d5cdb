// Apply the large-font preference before the page paints (no flash). No other logic here.
try { if (localStorage.getItem("vw-groot") === "1") { document.documentElement.classList.add("groot"); } } catch (e) { /* private mode */ }
