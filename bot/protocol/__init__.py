"""The WeChat protocol: signatures, AES, parsing and rendering (wechat), the /wechat view
(webhook), and a signing WeChat peer for the simulator and tests (simulator)."""
