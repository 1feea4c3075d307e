-- bench/serve: the ceiling. A plain GET of nginx's static 200, with the same bookkeeping as the webhook
-- runs (report.lua), so both sides pay the same client-side cost.
require("report")
