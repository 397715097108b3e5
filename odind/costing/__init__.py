"""Pure costing core: FIFO consumable layers, true COGS and channel pricing.

Nothing here touches the database or the network, so the store and the API can build the inputs
from whatever they hold and every figure stays reproducible in a unit test.
"""
