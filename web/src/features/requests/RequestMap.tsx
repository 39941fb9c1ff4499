import { useEffect, useRef } from 'react';
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { useT } from '../../lib/i18n';
import { OVERDUE_HEX, STATUS_HEX, statusLabel } from './labels';
import type { MapData } from './types';

const CHINA: L.LatLngTuple = [35, 105];

/** Text-only content for a tooltip (names come from users: never parsed as HTML). */
function textNode(text: string): HTMLElement {
  const div = document.createElement('div');
  div.textContent = text;
  return div;
}

const isPolygon = (g: unknown): g is GeoJSON.Polygon | GeoJSON.MultiPolygon =>
  !!g && typeof g === 'object' && ['Polygon', 'MultiPolygon'].includes((g as { type?: unknown }).type as string);

interface Props {
  data: MapData;
  /** Changing it fits the view to the data again (live updates keep the user's zoom). */
  scope: string;
  onOpen: (id: number) => void;
}

/** Leaflet map of grid boundaries and request points; a tile layer only when the server names one. */
export default function RequestMap({ data, scope, onOpen }: Props) {
  const t = useT();
  const el = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const layer = useRef<L.FeatureGroup | null>(null);
  const fitted = useRef<string | null>(null);
  const open = useRef(onOpen);
  open.current = onOpen;

  useEffect(() => {
    if (!el.current) return;
    const m = L.map(el.current, { center: CHINA, zoom: 4, attributionControl: false });
    map.current = m;
    layer.current = L.featureGroup().addTo(m);
    return () => {
      m.remove();
      map.current = null;
      layer.current = null;
    };
  }, []);

  useEffect(() => {
    const m = map.current;
    if (!m || !data.tileUrl) return;
    const tiles = L.tileLayer(data.tileUrl, { maxZoom: 19 }).addTo(m);
    tiles.bringToBack();
    return () => void tiles.remove();
  }, [data.tileUrl]);

  useEffect(() => {
    const m = map.current;
    const g = layer.current;
    if (!m || !g) return;
    g.clearLayers();
    for (const grid of data.grids) {
      if (!isPolygon(grid.boundary)) continue;
      L.geoJSON(grid.boundary, { style: { color: '#1f5fbf', weight: 1.5, fillOpacity: 0.06 } })
        .bindTooltip(textNode(grid.name), { sticky: true })
        .addTo(g);
    }
    for (const r of data.requests) {
      const color = r.overdueLevel > 0 ? OVERDUE_HEX[Math.min(r.overdueLevel, 2)] : STATUS_HEX[r.status] ?? '#595959';
      L.circleMarker([r.lat, r.lon], { radius: r.overdueLevel > 0 ? 8 : 6, color: '#fff', weight: 1.5, fillColor: color, fillOpacity: 0.95 })
        .bindTooltip(textNode(`#${r.id} ${r.categoryName} · ${statusLabel(t, r.status)}`))
        .on('click', () => open.current(r.id))
        .addTo(g);
    }
    if (fitted.current !== scope) {
      const bounds = g.getBounds();
      if (bounds.isValid()) {
        m.fitBounds(bounds, { padding: [24, 24], maxZoom: 17 });
        fitted.current = scope;
      }
    }
  }, [data, scope, t]);

  return <div ref={el} style={{ width: '100%', height: 520, background: '#eef1f5', borderRadius: 8 }} data-testid="request-map" />;
}
