-- make demo: runs examples/SeedDemo (with the built library embedded) in the offline client
-- simulator, loading then logging in as the client does, for five seconds of game time, and
-- prints the chat a player would see, each line with when it appeared.
package.path = "simulator/?.lua;" .. package.path
local client = require("client")

local dir = arg[1] or "build/demo/SeedDemo"
local sim = client.newSimulator()
sim:loadAddon(dir)

local shown = 0
local function flush(label)
  for i = shown + 1, #sim.chat do
    print(("[%s] %s"):format(label, sim.chat[i]))
  end
  shown = #sim.chat
end

flush("loading")
sim:login() -- PLAYER_LOGIN, PLAYER_ENTERING_WORLD: before the first frame, as in the client
flush("login")
local start = sim.env.GetTime()
for frame = 1, 300 do
  sim:runFrame()
  flush(("%5.2fs"):format(sim.env.GetTime() - start))
end
for _, err in ipairs(sim.errors) do
  print("error: " .. tostring(err))
end
os.exit(#sim.errors == 0 and 0 or 1)
