-- The posts bench/serve sends: 50 texts of the kinds a care team gets (complaints, questions, praise,
-- suggestions, Spanish and other languages, spam, chatter, a few internal questions from staff), with
-- @mentions, #hashtags, products, competitors and risky words, so that the analyser, the router and the
-- assignment all do real work. Each entry: text, lang hint ("" = none: the analyser detects it), audience.
-- Texts hold no double quotes or backslashes; escape() is there for anyone adding some.
local M = {}

M.texts = {
  -- complaints (en)
  { "@NorthwindCare my Northwind Fiber has been down since 6am, third outage this week #NorthwindDown", "en" },
  { "Charged twice for my N5 Phone plan this month and nobody answers the chat. I want a refund @NorthwindCare", "" },
  { "Worst customer service ever. 2 hours on hold and they hung up on me #fail @NorthwindMobile", "en" },
  { "The Northwind App keeps crashing when I try to pay my bill. Fix it please", "" },
  { "@NorthwindCare internet drops every evening at 8pm, speed test shows 3 Mbps on a 2 Gig plan", "en" },
  { "If my fiber is not fixed by Friday I am calling a lawyer. 9 days without service @NorthwindCare", "" },
  { "My N5 overheats and the battery dies by noon. Bought it last month. Not happy", "en" },
  { "Still waiting for the technician who was supposed to come yesterday between 8 and 12 #NorthwindFiber", "" },
  { "@NorthwindMobile you cut my line by mistake and now my number is gone?? Unacceptable", "en" },
  { "Thinking of switching to Contoso Telecom, at least their support picks up the phone", "" },
  { "Billing error again: late fee on a bill I paid on time. Screenshot attached @NorthwindCare", "en" },
  { "OUTAGE in Portland AGAIN. Kids have online school. This is ridiculous @NorthwindCare #NorthwindDown", "" },
  -- questions (en)
  { "@NorthwindCare how do I move my Northwind Fiber to a new address? Moving on the 15th", "en" },
  { "Does the N5 Phone support eSIM? Thinking of upgrading", "" },
  { "Is there an outage in Austin right now? My router lights are all orange @NorthwindCare", "en" },
  { "How long does a refund take after cancelling? Cancelled 10 days ago", "" },
  { "Can I keep my number if I switch from Fabrikam Wireless to Northwind?", "en" },
  { "What is the upload speed on Fiber 2 Gig? The website only shows download", "" },
  { "@NorthwindMobile is roaming included in Mexico on the unlimited plan?", "en" },
  { "Where do I find my account PIN in the NW App? Need it to port my number", "" },
  -- praise (en)
  { "Shout out to Aiko at @NorthwindCare who fixed my connection in 10 minutes. Amazing support #NorthwindCares", "en" },
  { "Northwind Fiber is honestly the best internet I have ever had. 940 Mbps all day", "" },
  { "Loving the new N5 Phone camera, night shots are incredible #FiberFriday", "en" },
  { "Thanks @NorthwindCare for crediting the downtime without me even asking. That is how it is done", "" },
  { "Switched from Contoso last month and the difference is night and day. Great job Northwind", "en" },
  { "The technician was on time, polite and explained everything. 10/10", "" },
  -- suggestions (en)
  { "It would be great if the Northwind App showed outages on a map @NorthwindMobile", "en" },
  { "Please add dark mode to the NW App, my eyes hurt at night", "" },
  { "Suggestion: let us pause the plan while travelling instead of cancelling", "en" },
  { "You should offer a student discount on Fiber 2 Gig like Fabrikam does", "" },
  -- Spanish
  { "@NorthwindCare llevo tres días sin internet y nadie me da una solución. Quiero un reembolso", "es" },
  { "Me cobraron dos veces la factura de este mes. ¿Alguien me puede ayudar? #NorthwindMobile", "" },
  { "¿Cómo cambio mi plan a fibra de 2 Gig desde la app?", "es" },
  { "Pésimo servicio, el técnico no vino y tuve que faltar al trabajo @NorthwindCare", "" },
  { "¿Hay una avería en Madrid? No tengo señal en el N5 desde esta mañana", "es" },
  { "Muchas gracias al equipo de @NorthwindCare por resolverlo tan rápido, excelente atención", "" },
  { "Si no me devuelven el dinero voy a hablar con un abogado. Ya está bien", "es" },
  { "¿Puedo usar mi número en el extranjero sin pagar más? Viajo a Colombia la semana que viene", "" },
  -- Portuguese, German, French
  { "Minha internet caiu de novo aqui em São Paulo. Já são 9 horas sem conexão @NorthwindCare", "pt" },
  { "Meu N5 Phone esquenta muito quando uso o 5G. É normal?", "" },
  { "Seit zwei Tagen kein Internet und niemand ruft zurück. Sehr enttäuschend @NorthwindCare", "de" },
  { "Wie kann ich meinen Vertrag kündigen? Ich finde die Option in der App nicht", "" },
  { "Mon téléphone N5 ne capte plus rien depuis la mise à jour. Que faire ?", "fr" },
  { "Merci beaucoup au support de Northwind, problème réglé en cinq minutes", "" },
  -- spam and chatter
  { "Get a FREE iPhone now!!! click bit.ly/free-phone-xx before it ends", "" },
  { "Win 1000 dollars in crypto, DM me for details, limited offer", "en" },
  { "Watching the game tonight, anyone else? #SundayFootball", "" },
  { "Northwind Mobile announced a new data center in Ohio today, says the press release", "en" },
  -- internal questions from staff (audience internal)
  { "Does anyone know how to apply a goodwill credit to a business account? Customer was charged twice", "en", "internal" },
  { "Quick question: when is the payroll cut-off this month, and how do I request vacation days?", "en", "internal" },
}

-- Authors: customers, a few public accounts; handles repeat, as real authors do.
M.first = { "ana", "ben", "carla", "dev", "emily", "femi", "gus", "hana", "ivan", "jo", "kim", "lucia",
            "mo", "nadia", "omar", "pia", "quinn", "rosa", "sam", "tomas", "uma", "vic", "wen", "xavi" }

function M.escape(s)
  return (s:gsub('[%c"\\]', function(c)
    if c == '"' then return '\\"' end
    if c == "\\" then return "\\\\" end
    return string.format("\\u%04x", c:byte())
  end))
end

-- Pre-escaped JSON fragments: everything a post needs but its id, author number and time.
-- fragment(i) is the part from "text" onwards, without the closing brace.
M.fragments = {}
for i, t in ipairs(M.texts) do
  local f = '"text":"' .. M.escape(t[1]) .. '"'
  if t[2] ~= "" then f = f .. ',"lang":"' .. t[2] .. '"' end
  if t[3] then f = f .. ',"audience":"' .. t[3] .. '"' end
  M.fragments[i] = f
end

local sources = { "x", "x", "mastodon", "reddit", "api" }

-- One post as a JSON object: unique (source, id) from the run's prefix, the thread and the counter.
-- n picks the text, the author and the source; created_at is the current second.
function M.post(prefix, thread, n, created_at)
  local i = (n % #M.texts) + 1
  local t = M.texts[i]
  local author_n = (n * 7919) % 997
  local source = sources[(n % #sources) + 1]
  local kind, handle, followers = "customer", M.first[(author_n % #M.first) + 1] .. author_n, (author_n * 37) % 5000
  if t[3] == "internal" then
    source, kind, handle = "api", "employee", "staff" .. (author_n % 40)
  elseif author_n % 10 == 0 then
    kind = "public"
  end
  return '{"source":"' .. source .. '","id":"' .. prefix .. "-" .. thread .. "-" .. n ..
         '","author":{"handle":"' .. handle .. '","kind":"' .. kind .. '","followers":' .. followers ..
         '},' .. M.fragments[i] .. ',"created_at":"' .. created_at .. '"}'
end

return M
