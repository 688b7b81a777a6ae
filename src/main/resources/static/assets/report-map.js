// The location page's map: with JavaScript on, a Leaflet map where a click or tap (or Enter on the
// focused map) drops a pin whose position goes into the hidden lat and lon fields. Without it the
// page asks for the address alone. Loaded as an external script: the CSP allows no inline script.
const box = document.querySelector('[data-map]')
const start = () => {
  const L = window.L
  if (!box || !L) return
  box.hidden = false
  // Leaflet guesses where its marker images are from the page's address; they are beside its script
  const script = document.querySelector('script[src*="/assets/leaflet/"]')
  if (script) L.Icon.Default.prototype.options.imagePath = script.src.replace(/[^/]*$/, '') + 'images/'
  const lat = document.getElementById('lat')
  const lon = document.getElementById('lon')
  const status = box.querySelector('[data-map-status]')
  const centre = lat.value && lon.value ? [Number(lat.value), Number(lon.value)] : [51.5072, -0.1276]
  const map = L.map('map', { keyboard: true }).setView(centre, lat.value ? 17 : 13)
  L.tileLayer(box.dataset.tileUrl, { maxZoom: 19, attribution: box.dataset.attribution }).addTo(map)
  let pin = null
  const drop = (latlng) => {
    const la = latlng.lat.toFixed(6)
    const lo = latlng.lng.toFixed(6)
    lat.value = la
    lon.value = lo
    if (pin) pin.setLatLng(latlng)
    else pin = L.marker(latlng, { keyboard: false }).addTo(map)
    status.textContent = box.dataset.pinLabel.replace('{0}', la).replace('{1}', lo)
  }
  if (lat.value && lon.value) drop(L.latLng(centre))
  map.on('click', (event) => drop(event.latlng))
  // keyboard users: Enter or Space on the focused map drops the pin at its centre
  map.getContainer().addEventListener('keydown', (event) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault()
      drop(map.getCenter())
    }
  })
}
if (document.readyState === 'complete') start()
else window.addEventListener('load', start)
