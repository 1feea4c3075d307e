-- bench/serve: as fast as the connections allow. Arguments after --: TOKEN PREFIX [BATCH] (webhook.lua).
require("webhook")
