-- Runs an Argo CD health script on one object, as Argo CD does: the object (JSON, read with dkjson) is the
-- global `obj`, the script returns {status, message}. Only the libraries Argo CD opens for health scripts
-- (base, table, string, math) are visible to the script: no io, no os.
-- Usage: lua5.1 OpsArgoHealthHarness.lua <script.lua> <object.json>; prints "<status>\t<message>".
local json = require("dkjson")
local script, objectFile = arg[1], arg[2]

local f = assert(io.open(objectFile, "r"))
local text = f:read("*a")
f:close()
local object, _, err = json.decode(text)
assert(object ~= nil, err)

local env = {
  obj = object,
  ipairs = ipairs, pairs = pairs, next = next, type = type, tostring = tostring, tonumber = tonumber,
  select = select, unpack = unpack, error = error, pcall = pcall, assert = assert,
  table = table, string = string, math = math,
}
local chunk = assert(loadfile(script))
setfenv(chunk, env)
local hs = chunk()
assert(type(hs) == "table", "the script must return a table")
io.write(tostring(hs.status), "\t", tostring(hs.message), "\n")
