// The monitoring pages' script: the map (Leaflet, from npm, loaded on demand), the timelines (Chart.js) and the
// observation forms' "use my position". Every page works without it: the tables are the map and the timeline, and
// positions can be typed. Runs on first load and after Blazor's enhanced navigation, which swaps the page's content
// without reloading scripts. Nothing here writes inline styles or script, so the strict Content-Security-Policy holds.
(() => {
  'use strict';

  const loaded = new Map();

  function script(src) {
    if (!loaded.has(src)) {
      loaded.set(src, new Promise((resolve, reject) => {
        const element = document.createElement('script');
        element.src = src;
        element.onload = resolve;
        element.onerror = () => { loaded.delete(src); reject(new Error('Could not load ' + src)); };
        document.head.appendChild(element);
      }));
    }

    return loaded.get(src);
  }

  function stylesheet(href) {
    if (!href || document.querySelector('link[data-monitoring="' + CSS.escape(href) + '"]')) {
      return;
    }

    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = href;
    link.dataset.monitoring = href;
    document.head.appendChild(link);
  }

  function getJson(url) {
    return fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/geo+json, application/json' } })
      .then(r => (r.ok ? r.json() : Promise.reject(new Error(url + ' answered ' + r.status))));
  }

  const typeNames = {
    explosionImpact: 'Explosion (impact)', explosionOutgoing: 'Explosion (outgoing)', explosionAirburst: 'Explosion (airburst)',
    explosionUndetermined: 'Explosion (undetermined)', bursts: 'Bursts', shots: 'Shots', projectiles: 'Projectiles',
    illuminationFlares: 'Illumination flares', weaponInWithdrawalZone: 'Weapon in a withdrawal zone', movement: 'Movement',
    casualties: 'Casualties', freedomOfMovementRestriction: 'Restriction of freedom of movement',
  };

  const familyColours = {
    fire: '#b3261e', illumination: '#c9a227', weaponPresence: '#6a1b9a', movement: '#2457a6', casualties: '#000000', freedomOfMovement: '#2e7d32',
  };

  const zoneStyles = {
    lineOfContact: { color: '#b3261e', weight: 3 },
    securityZone: { color: '#c9a227', weight: 1, fillOpacity: 0.12 },
    withdrawalZone: { color: '#6a1b9a', weight: 1, fillOpacity: 0.08, dashArray: '4 4' },
    disengagementArea: { color: '#2e7d32', weight: 1, fillOpacity: 0.15 },
  };

  function text(tag, content, className) {
    const element = document.createElement(tag);
    element.textContent = content;
    if (className) {
      element.className = className;
    }

    return element;
  }

  function popup(feature) {
    const p = feature.properties;
    const box = document.createElement('div');
    box.className = 'map-popup';
    box.appendChild(text('strong', (typeNames[p.type] || p.type) + (p.count > 1 ? ' × ' + p.count : '')));
    box.appendChild(text('div', new Date(p.startsAt).toISOString().slice(0, 16).replace('T', ' ') + ' UTC'));
    if (p.layer === 'event') {
      box.appendChild(text('div', 'Status: ' + p.status + ' · ' + p.observations + (p.observations === 1 ? ' report' : ' reports')));
    } else {
      box.appendChild(text('div', 'Source: ' + p.source + ' (' + p.sourceKind + ')'));
    }

    if (p.zones) {
      box.appendChild(text('div', 'Zones: ' + p.zones));
    }

    if (p.violation) {
      box.appendChild(text('div', 'Violation', 'pill pill-bad'));
    }

    box.appendChild(text('div', p.label, 'muted'));
    return box;
  }

  function drawMap(element) {
    element.dataset.drawn = 'true';
    stylesheet(element.dataset.leafletCss);
    stylesheet(element.dataset.clusterCss);
    stylesheet(element.dataset.clusterCssDefault);
    script(element.dataset.leaflet)
      .then(() => script(element.dataset.cluster))
      .then(() => {
        const L = window.L;
        element.classList.add('is-drawn');
        const map = L.map(element, { preferCanvas: false, zoomSnap: 0.25, attributionControl: true, minZoom: 4, maxZoom: 14 });
        map.attributionControl.setPrefix(false);
        map.attributionControl.addAttribution('Oblasts: geoBoundaries (CC BY 4.0); countries: Natural Earth');
        map.setView([48.5, 31.5], 5.5);

        // The neighbouring countries are a muted background beneath the oblasts; the view fits Ukraine alone.
        const base = getJson(element.dataset.base).then(geo => {
          const only = layer => ({ type: 'FeatureCollection', features: geo.features.filter(f => f.properties.layer === layer) });
          const countries = L.geoJSON(only('country'), {
            style: { color: '#c3c1b8', weight: 0.8, fillColor: '#eceae4', fillOpacity: 1 },
            interactive: false,
          }).addTo(map);
          const oblasts = L.geoJSON(only('oblast'), {
            style: { color: '#5b6b7b', weight: 1, fillColor: '#fbfaf6', fillOpacity: 1 },
            onEachFeature: (f, l) => l.bindTooltip(f.properties.name, { sticky: true }),
          }).addTo(map);
          oblasts.bringToBack();
          countries.bringToBack();
          element.dataset.countries = String(countries.getLayers().length);
          map.fitBounds(oblasts.getBounds(), { padding: [4, 4], animate: false });
          return oblasts;
        });

        const zones = (element.dataset.agreements || '').split(',').filter(Boolean).map(id =>
          getJson('/api/v1/agreements/' + encodeURIComponent(id)).then(a => {
            const newest = Math.max(...a.geometries.map(g => g.version));
            const features = a.geometries.filter(g => g.version === newest).map(g => ({
              type: 'Feature', geometry: g.geometry, properties: { kind: g.kind, name: g.name, agreement: a.agreement.name },
            }));
            return L.geoJSON({ type: 'FeatureCollection', features }, {
              style: f => zoneStyles[f.properties.kind] || { color: '#333', weight: 1 },
              onEachFeature: (f, l) => l.bindTooltip(f.properties.name + ' — ' + f.properties.agreement, { sticky: true }),
            }).addTo(map);
          }));

        const cluster = L.markerClusterGroup({ disableClusteringAtZoom: 11, showCoverageOnHover: false, chunkedLoading: true, animate: false });
        const points = getJson(element.dataset.features).then(collection => {
          const layer = L.geoJSON(collection, {
            pointToLayer: (f, latlng) => L.circleMarker(latlng, {
              radius: f.properties.violation ? 7 : 5,
              color: f.properties.violation ? '#1b1b1b' : '#ffffff',
              weight: f.properties.violation ? 2 : 1,
              fillColor: familyColours[f.properties.family] || '#444',
              fillOpacity: 0.9,
            }),
            onEachFeature: (f, l) => l.bindPopup(() => popup(f)),
          });
          cluster.addLayer(layer);
          map.addLayer(cluster);
          element.dataset.count = String(collection.features.length);
          return collection.features.length > 0 ? layer : null;
        });

        // Whole Ukraine first; then the area of the agreements' zones and the view's points, with their surroundings.
        Promise.all([base, points, ...zones]).then(([, pointLayer, ...zoneLayers]) => {
          const layers = [...zoneLayers, ...(pointLayer && element.dataset.fit !== 'zones' ? [pointLayer] : [])];
          if (layers.length > 0) {
            const bounds = layers[0].getBounds();
            layers.slice(1).forEach(l => bounds.extend(l.getBounds()));
            map.fitBounds(bounds.pad(0.35), { maxZoom: 9, animate: false });
          }

          element.dataset.loaded = 'true';
        }).catch(error => console.warn(error.message));
      })
      .catch(error => console.warn(error.message));
  }

  function drawTimeline(figure) {
    figure.dataset.drawn = 'true';
    const table = figure.querySelector('table');
    if (!table) {
      return;
    }

    script(figure.dataset.library).then(() => {
      const Chart = window.Chart;
      const heads = [...table.querySelectorAll('thead th[data-series]')];
      const rows = [...table.querySelectorAll('tbody tr')];
      const labels = rows.map(r => r.querySelector('th').textContent.trim());
      const colours = { all: '#2457a6', violations: '#b3261e' };
      const holder = document.createElement('div');
      holder.className = 'chart-canvas';
      const canvas = document.createElement('canvas');
      canvas.setAttribute('role', 'img');
      canvas.setAttribute('aria-label', figure.querySelector('.chart-title').textContent.trim() + '. The figures are in the table that follows.');
      holder.appendChild(canvas);
      const wrap = table.closest('.chart-data') || table;
      const details = document.createElement('details');
      details.className = 'chart-table';
      details.appendChild(text('summary', 'Figures as a table'));
      wrap.replaceWith(details);
      details.appendChild(wrap);
      figure.insertBefore(holder, details);
      new Chart(canvas, {
        type: 'bar',
        data: {
          labels,
          datasets: heads.map((th, i) => ({
            label: th.textContent.trim(),
            data: rows.map(r => Number(r.querySelectorAll('td')[i].dataset.value)),
            backgroundColor: colours[th.dataset.series] || '#444',
          })),
        },
        options: {
          maintainAspectRatio: false,
          animation: false,
          plugins: { legend: { position: 'bottom' } },
          scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
        },
      });
    }).catch(error => console.warn(error.message));
  }

  function locate(holder) {
    holder.dataset.drawn = 'true';
    if (!('geolocation' in navigator)) {
      return;
    }

    holder.hidden = false;
    const form = holder.closest('form');
    const status = holder.querySelector('.hint');
    holder.querySelector('button').addEventListener('click', () => {
      status.textContent = 'Finding your position…';
      navigator.geolocation.getCurrentPosition(position => {
        const bearing = form.querySelector('input[type=radio][value=Bearing]');
        const observer = bearing && bearing.checked;
        const lat = form.querySelector('[data-geo="' + (observer ? 'observer-latitude' : 'latitude') + '"]');
        const lon = form.querySelector('[data-geo="' + (observer ? 'observer-longitude' : 'longitude') + '"]');
        lat.value = position.coords.latitude.toFixed(5);
        lon.value = position.coords.longitude.toFixed(5);
        status.textContent = 'Position filled in (±' + Math.round(position.coords.accuracy) + ' m)' + (observer ? ' as where you stood.' : '.');
      }, error => {
        status.textContent = 'Your position is not available (' + error.message + '); type it in.';
      }, { enableHighAccuracy: true, timeout: 15000 });
    });
  }

  function run() {
    document.querySelectorAll('#monitoring-map:not([data-drawn])').forEach(drawMap);
    document.querySelectorAll('figure.monitoring-timeline:not([data-drawn])').forEach(drawTimeline);
    document.querySelectorAll('[data-geo-locate]:not([data-drawn])').forEach(locate);
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', run);
  } else {
    run();
  }

  if (window.Blazor && typeof window.Blazor.addEventListener === 'function') {
    window.Blazor.addEventListener('enhancedload', run);
  }
})();
