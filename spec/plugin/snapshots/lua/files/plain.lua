local ____exports = {}
function ____exports.plain(self)
    return 1
end
return ____exports
